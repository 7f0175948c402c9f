# What a caller needs to reach the deployment.

output "namespace" {
  description = "Namespace of the job, the API, the trainer and MLflow."
  value       = kubernetes_namespace_v1.app.metadata[0].name
}

output "api_url" {
  description = "The scoring API and dashboard inside the cluster."
  value       = "http://${kubernetes_service_v1.api.metadata[0].name}.${kubernetes_namespace_v1.app.metadata[0].name}.svc:8080/"
}

output "mlflow_url" {
  description = "MLflow's tracking server inside the cluster."
  value       = "http://${kubernetes_service_v1.mlflow.metadata[0].name}.${kubernetes_namespace_v1.app.metadata[0].name}.svc:5000/"
}

output "flink_deployment" {
  description = "Name of the FlinkDeployment (kubectl get flinkdeployment)."
  value       = kubernetes_manifest.flink_deployment.manifest.metadata.name
}
