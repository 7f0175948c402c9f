# The gh-anomaly module: the Flink Kubernetes Operator (Helm), then the job as a FlinkDeployment
# (flink.tf), the scoring API (api.tf), the weekly trainer (trainer.tf), MLflow (mlflow.tf), the
# shared volumes (storage.tf) and the alert settings (alerting.tf), as deploy/k8s has them.
# kubernetes_manifest needs the operator's CRD at plan time: apply the operator first, e.g.
#   terraform apply -target=module.gh_anomaly.helm_release.flink_operator && terraform apply

locals {
  labels = {
    "app.kubernetes.io/part-of"    = "gh-anomaly"
    "app.kubernetes.io/managed-by" = "terraform"
  }
  # Every pod runs as the Flink image's user, so that all of them share the volumes.
  uid = 9999
}

resource "kubernetes_namespace_v1" "app" {
  metadata {
    name   = var.namespace
    labels = local.labels
  }
}

# The operator watches the app's namespace, where its chart also makes the JobManager's service
# account "flink" with the rights it needs (TaskManager pods, HA ConfigMaps).
resource "helm_release" "flink_operator" {
  name             = "flink-kubernetes-operator"
  repository       = "https://downloads.apache.org/flink/flink-kubernetes-operator-${var.operator_version}/"
  chart            = "flink-kubernetes-operator"
  version          = var.operator_version
  namespace        = var.operator_namespace
  create_namespace = true

  set {
    name  = "webhook.create"
    value = tostring(var.operator_webhook)
  }

  set {
    name  = "watchNamespaces[0]"
    value = kubernetes_namespace_v1.app.metadata[0].name
  }
}
