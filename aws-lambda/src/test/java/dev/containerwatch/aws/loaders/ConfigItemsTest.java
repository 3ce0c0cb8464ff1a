package dev.containerwatch.aws.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import org.junit.jupiter.api.Test;

/** AWS Config's PascalCase items into the canonical documents. */
class ConfigItemsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final AwsScope SCOPE = new AwsScope("644160558196", "us-east-2");

  @Test
  void anItemWhoseConfigurationIsAJsonStringIsRead() throws Exception {
    // As GetResourceConfigHistory returns it (recorded by Cloud Custodian): no Logging member.
    JsonNode item =
        JSON.readTree(
            "{\"resourceType\":\"AWS::EKS::Cluster\",\"resourceName\":\"kapil-dev\","
                + "\"arn\":\"arn:aws:eks:us-east-2:644160558196:cluster/kapil-dev\",\"configuration\":"
                + JSON.writeValueAsString(
                    "{\"Arn\":\"arn:aws:eks:us-east-2:644160558196:cluster/kapil-dev\",\"CertificateAuthorityData\":\"LS0t\","
                        + "\"Endpoint\":\"https://C14FFAA56074291F46DD0987C6C1BA14.gr7.us-east-2.eks.amazonaws.com\",\"Name\":\"kapil-dev\","
                        + "\"ResourcesVpcConfig\":{\"SecurityGroupIds\":[\"sg-0f3863656b1ca8068\"],\"SubnetIds\":[\"subnet-05b873ed614f61c42\"]},"
                        + "\"RoleArn\":\"arn:aws:iam::644160558196:role/eksctl-kapil-dev-cluster-ServiceRole-1N32U4UXOOS7Z\",\"Version\":\"1.18\"}")
                + "}");
    JsonNode cluster = ConfigItems.eksCluster(item, SCOPE);
    assertThat(cluster.toString())
        .isEqualTo(
            "{\"arn\":\"arn:aws:eks:us-east-2:644160558196:cluster/kapil-dev\",\"certificateAuthority\":{\"data\":\"LS0t\"},"
                + "\"endpoint\":\"https://C14FFAA56074291F46DD0987C6C1BA14.gr7.us-east-2.eks.amazonaws.com\",\"name\":\"kapil-dev\","
                + "\"resourcesVpcConfig\":{\"securityGroupIds\":[\"sg-0f3863656b1ca8068\"],\"subnetIds\":[\"subnet-05b873ed614f61c42\"]},"
                + "\"roleArn\":\"arn:aws:iam::644160558196:role/eksctl-kapil-dev-cluster-ServiceRole-1N32U4UXOOS7Z\",\"version\":\"1.18\"}");
    assertThat(cluster.has("logging")).as("unknown, not 'all off'").isFalse();
  }

  @Test
  void enabledLogTypesBecomeTheApisTwoGroups() throws Exception {
    JsonNode item =
        JSON.readTree(
            "{\"resourceName\":\"prod\",\"configuration\":{\"Name\":\"prod\",\"Logging\":{\"ClusterLogging\":{\"EnabledTypes\":[{\"Type\":\"audit\"},{\"Type\":\"api\"}]}},"
                + "\"EncryptionConfigKeyArn\":\"arn:aws:kms:us-east-2:644160558196:key/k\",\"KubernetesNetworkConfig\":{\"IPFamily\":\"ipv4\"}}}");
    JsonNode cluster = ConfigItems.eksCluster(item, SCOPE);
    assertThat(cluster.path("logging").toString())
        .isEqualTo(
            "{\"clusterLogging\":[{\"types\":[\"audit\",\"api\"],\"enabled\":true},{\"types\":[\"authenticator\",\"controllerManager\",\"scheduler\"],\"enabled\":false}]}");
    assertThat(cluster.path("encryptionConfig").toString())
        .isEqualTo(
            "[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"arn:aws:kms:us-east-2:644160558196:key/k\"}}]");
    assertThat(cluster.path("kubernetesNetworkConfig").path("ipFamily").asText()).isEqualTo("ipv4");
    assertThat(cluster.path("arn").asText())
        .isEqualTo("arn:aws:eks:us-east-2:644160558196:cluster/prod");
  }

  @Test
  void anEmptyEnabledListMeansEveryTypeIsOff() throws Exception {
    JsonNode item =
        JSON.readTree(
            "{\"resourceName\":\"prod\",\"configuration\":{\"Name\":\"prod\",\"Logging\":{\"ClusterLogging\":{}}}}");
    assertThat(ConfigItems.eksCluster(item, SCOPE).path("logging").toString())
        .isEqualTo(
            "{\"clusterLogging\":[{\"types\":[\"api\",\"audit\",\"authenticator\",\"controllerManager\",\"scheduler\"],\"enabled\":false}]}");
  }

  @Test
  void anEcrItemGetsTheRepositoryShapeAndItsPolicyAsText() throws Exception {
    JsonNode item =
        JSON.readTree(
            "{\"resourceName\":\"shop/web\",\"configuration\":{\"RepositoryName\":\"shop/web\",\"ImageTagMutability\":\"MUTABLE\","
                + "\"ImageScanningConfiguration\":{\"ScanOnPush\":false},\"RepositoryPolicyText\":{\"Version\":\"2012-10-17\",\"Statement\":[]}}}");
    JsonNode repository = ConfigItems.ecrRepository(item, SCOPE);
    assertThat(repository.toString())
        .isEqualTo(
            "{\"repositoryArn\":\"arn:aws:ecr:us-east-2:644160558196:repository/shop/web\",\"registryId\":\"644160558196\",\"repositoryName\":\"shop/web\","
                + "\"repositoryUri\":\"644160558196.dkr.ecr.us-east-2.amazonaws.com/shop/web\",\"imageTagMutability\":\"MUTABLE\","
                + "\"imageScanningConfiguration\":{\"scanOnPush\":false},\"policyText\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"}");
  }

  @Test
  void aConfigurationThatIsNeitherIsRefused() throws Exception {
    JsonNode item =
        JSON.readTree("{\"resourceType\":\"AWS::EKS::Cluster\",\"configuration\":\"{not json\"}");
    assertThatThrownBy(() -> ConfigItems.eksCluster(item, SCOPE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Config item: configuration is a string but not JSON");
  }

  @Test
  void pascalCaseNamesBecomeLowerCamelCase() {
    assertThat(ConfigItems.camel("ResourcesVpcConfig")).isEqualTo("resourcesVpcConfig");
    assertThat(ConfigItems.camel("IPFamily")).isEqualTo("ipFamily");
    assertThat(ConfigItems.camel("ServiceIpv4Cidr")).isEqualTo("serviceIpv4Cidr");
    assertThat(ConfigItems.camel("KMS")).isEqualTo("kms");
    assertThat(ConfigItems.camel("scanOnPush")).isEqualTo("scanOnPush");
  }
}
