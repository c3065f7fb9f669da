# The API and dashboard: a Service in front of the services app, an Ingress in front of the Service.
resource "kubernetes_service_v1" "services" {
  metadata {
    name      = "palo-services"
    namespace = var.namespace
  }
  spec {
    selector = { "app.kubernetes.io/name" = kubernetes_deployment_v1.palo["services"].metadata[0].name }
    port {
      name        = "http"
      port        = 80
      target_port = local.api_port
    }
  }
}

resource "kubernetes_ingress_v1" "services" {
  metadata {
    name      = "palo-services"
    namespace = var.namespace
    annotations = {
      # dataset uploads: as large as the app accepts (PALO_API_MAX_BODY)
      "nginx.ingress.kubernetes.io/proxy-body-size" = var.api_max_body
    }
  }
  spec {
    ingress_class_name = var.ingress_class_name
    dynamic "tls" {
      for_each = var.ingress_tls_secret_name == null ? [] : [var.ingress_tls_secret_name]
      content {
        hosts       = [var.ingress_host]
        secret_name = tls.value
      }
    }
    rule {
      host = var.ingress_host
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = kubernetes_service_v1.services.metadata[0].name
              port {
                number = 80
              }
            }
          }
        }
      }
    }
  }
}
