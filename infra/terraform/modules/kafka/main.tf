# Kafka through the Strimzi operator (its own chart), one KRaft cluster of combined
# controller+broker nodes. The Kafka and KafkaNodePool kinds exist only once the operator's CRDs are
# installed: the first apply targets the operator (README: Apply).
resource "helm_release" "strimzi" {
  name       = "strimzi"
  repository = "https://strimzi.io/charts/"
  chart      = "strimzi-kafka-operator"
  version    = var.strimzi_chart_version
  namespace  = var.namespace
  values = [yamlencode({
    watchNamespaces = []
  })]
}

resource "kubernetes_manifest" "node_pool" {
  depends_on = [helm_release.strimzi]
  manifest = {
    apiVersion = "kafka.strimzi.io/v1beta2"
    kind       = "KafkaNodePool"
    metadata = {
      name      = "dual-role"
      namespace = var.namespace
      labels    = { "strimzi.io/cluster" = var.cluster_name }
    }
    spec = {
      replicas = var.replicas
      roles    = ["controller", "broker"]
      storage = {
        type = "jbod"
        volumes = [{
          id            = 0
          type          = "persistent-claim"
          size          = var.storage_size
          deleteClaim   = false
          kraftMetadata = "shared"
        }]
      }
    }
  }
}

resource "kubernetes_manifest" "kafka" {
  depends_on = [kubernetes_manifest.node_pool]
  manifest = {
    apiVersion = "kafka.strimzi.io/v1beta2"
    kind       = "Kafka"
    metadata = {
      name      = var.cluster_name
      namespace = var.namespace
      annotations = {
        "strimzi.io/node-pools" = "enabled"
        "strimzi.io/kraft"      = "enabled"
      }
    }
    spec = {
      kafka = {
        version = var.kafka_version
        listeners = [{
          name = "plain"
          port = 9092
          type = "internal"
          tls  = false
        }]
        config = {
          "offsets.topic.replication.factor"         = min(var.replicas, 3)
          "transaction.state.log.replication.factor" = min(var.replicas, 3)
          "transaction.state.log.min.isr"            = min(var.replicas, 2)
          "default.replication.factor"               = min(var.replicas, 3)
          "min.insync.replicas"                      = min(var.replicas, 2)
        }
      }
      entityOperator = {
        topicOperator = {}
      }
    }
  }
}
