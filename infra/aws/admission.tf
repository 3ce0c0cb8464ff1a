# The EKS admission webhook (dev.containerwatch.aws.AdmissionHandler) behind a function URL. The API
# server cannot sign requests, so the URL has no IAM authentication: the handler requires the token
# the webhook URL carries (compared in constant time) and answers only the listed clusters. It calls
# no AWS API and writes no finding; its role may only write its own logs.
resource "aws_lambda_function_url" "admission" {
  count = length(var.admission_clusters) > 0 ? 1 : 0

  function_name      = aws_lambda_function.function["admission"].function_name
  authorization_type = "NONE"

  lifecycle {
    precondition {
      condition     = var.admission_token != null
      error_message = "admission_clusters needs admission_token: the function URL has no IAM authentication."
    }
  }
}

# A public function URL needs both permissions; the second applies only to calls through the URL.
resource "aws_lambda_permission" "admission_url" {
  count = length(var.admission_clusters) > 0 ? 1 : 0

  statement_id           = "admission-function-url"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.function["admission"].function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "admission_invoke" {
  count = length(var.admission_clusters) > 0 ? 1 : 0

  statement_id             = "admission-invoke-through-url"
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.function["admission"].function_name
  principal                = "*"
  invoked_via_function_url = true
}
