# Inputs of the basic example: the cluster, the images' registry and tag, the bucket.

variable "kubeconfig" {
  description = "Path of the kubeconfig file."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "Context of the kubeconfig to deploy to; null: its current one."
  type        = string
  default     = null
}

variable "registry" {
  description = "Registry and path prefix of the three images, e.g. ghcr.io/OWNER."
  type        = string
}

variable "image_tag" {
  description = "Tag of the three images."
  type        = string
  default     = "0.1.0"
}

variable "bucket" {
  description = "S3 bucket of the input hours (hours/) and of the job's state."
  type        = string
}

variable "slack_webhook_url" {
  description = "Slack incoming webhook for alerts; empty: no Slack."
  type        = string
  default     = ""
  sensitive   = true
}
