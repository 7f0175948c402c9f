# Alert settings for the Flink pods' environment (alerting module; blank values are unset).

resource "kubernetes_config_map_v1" "alerting" {
  metadata {
    name      = "gh-anomaly-alerting"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  data = var.alert_settings
}

resource "kubernetes_secret_v1" "alerting" {
  metadata {
    name      = "gh-anomaly-alerting-secrets"
    namespace = kubernetes_namespace_v1.app.metadata[0].name
    labels    = local.labels
  }
  data = var.alert_secrets
}
