# Inputs of the gh-anomaly module: images, buckets, sizes and alert settings.

variable "namespace" {
  description = "Namespace of the job, the API, the trainer and MLflow."
  type        = string
  default     = "gh-anomaly"
}

variable "operator_namespace" {
  description = "Namespace of the Flink Kubernetes Operator."
  type        = string
  default     = "flink-operator"
}

variable "operator_version" {
  description = "Flink Kubernetes Operator release (1.13 or later runs Flink 2.2); its Helm repository is that release's folder on downloads.apache.org (older releases move to archive.apache.org)."
  type        = string
  default     = "1.15.0"
}

variable "operator_webhook" {
  description = "Install the operator's admission webhook; it needs cert-manager in the cluster."
  type        = bool
  default     = false
}

variable "job_image" {
  description = "Image of the streaming job (deploy/docker/job.Dockerfile)."
  type        = string
}

variable "api_image" {
  description = "Image of the scoring API (deploy/docker/scoring-api.Dockerfile)."
  type        = string
}

variable "trainer_image" {
  description = "Image of the model trainer (deploy/docker/trainer.Dockerfile)."
  type        = string
}

variable "mlflow_image" {
  description = "MLflow's tracking server image."
  type        = string
  default     = "ghcr.io/mlflow/mlflow:v2.17.2"
}

variable "input_uri" {
  description = "Where the hourly GH Archive files land, e.g. s3://bucket/hours/."
  type        = string
}

variable "state_bucket" {
  description = "S3 bucket of checkpoints, savepoints and the JobManager's HA data."
  type        = string
}

variable "s3_credentials_secret" {
  description = "Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the Flink pods; empty when they get a cloud identity instead."
  type        = string
  default     = ""
}

variable "parallelism" {
  description = "Parallelism of the job (windows, scoring, sinks; reading is always one task)."
  type        = number
  default     = 2
}

variable "task_slots" {
  description = "Task slots per TaskManager."
  type        = number
  default     = 2
}

variable "storage_class" {
  description = "Storage class of the output and model volumes; it must offer ReadWriteMany. Null: the cluster's default."
  type        = string
  default     = null
}

variable "output_size" {
  description = "Size of the job's Parquet output volume."
  type        = string
  default     = "50Gi"
}

variable "trainer_schedule" {
  description = "When the trainer runs (cron, UTC)."
  type        = string
  default     = "0 3 * * 1"
}

variable "alert_settings" {
  description = "Alert settings that are not secret (AlertingConfig names), e.g. ALERT_EMAIL_SMTP, ALERT_EMAIL_TO, SLACK_CHANNEL."
  type        = map(string)
  default     = {}
}

variable "alert_secrets" {
  description = "Secret alert settings, e.g. SLACK_WEBHOOK_URL, SLACK_API_TOKEN, ALERT_EMAIL_PASSWORD."
  type        = map(string)
  default     = {}
  sensitive   = true
}
