package dev.containerwatch.cli.replay.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of a local invocation (the handlers read nothing from it). */
final class LocalLambdaContext implements Context {
  @Override
  public String getAwsRequestId() {
    return "containerwatch-replay";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/containerwatch";
  }

  @Override
  public String getLogStreamName() {
    return "replay";
  }

  @Override
  public String getFunctionName() {
    return "containerwatch";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return null;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 300_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {}

      @Override
      public void log(byte[] message) {}
    };
  }
}
