# The smallest use of the gh-anomaly module: one bucket for input and state, images from one
# registry, Slack alerts when a webhook is given. Apply the operator first (its CRD must exist
# when the FlinkDeployment is planned):
#   terraform init
#   terraform apply -target=module.gh_anomaly.helm_release.flink_operator -var registry=... -var bucket=...
#   terraform apply -var registry=... -var bucket=...

module "gh_anomaly" {
  source = "../../modules/gh-anomaly"

  job_image     = "${var.registry}/gh-anomaly-job:${var.image_tag}"
  api_image     = "${var.registry}/gh-anomaly-api:${var.image_tag}"
  trainer_image = "${var.registry}/gh-anomaly-trainer:${var.image_tag}"

  input_uri    = "s3://${var.bucket}/hours/"
  state_bucket = var.bucket
  parallelism  = 2

  alert_secrets = var.slack_webhook_url == "" ? {} : {
    SLACK_WEBHOOK_URL = var.slack_webhook_url
  }
}
