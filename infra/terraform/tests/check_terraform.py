#!/usr/bin/env python3
"""Offline checks of infra/terraform against the code, with a real HCL2 parser (python-hcl2).

No cluster and no Terraform registry are reachable where this runs, so this is what can be checked:
every .tf file parses; the task queues, API port, health paths and image names the deployment uses are
the code's; every PALO_* variable the code reads is set in one place (modules/palo/config.tf) or listed
in tests/local-only.tsv with a reason; secrets arrive from Kubernetes Secrets, and no secret-looking
value appears in any .tf file. Prints one line per failure and exits 1, or a summary and exits 0.

usage: check_terraform.py [--repo DIR] [--tf DIR]
"""
import argparse
import pathlib
import re
import sys

import hcl2

PALO_VAR = re.compile(r"PALO_[A-Z0-9_]+")
# the worker pools, one per task queue (TaskQueues.java); gpu-short is deployed only under gpu_scheduling = "queues"
POOLS = ("cpu", "gpu", "gpu-short")
# env names that hold credentials: only from Secrets (secretKeyRef), never from a ConfigMap
CREDENTIAL_NAME = re.compile(r"(SECRET_KEY|ACCESS_KEY|PASSWORD|TOKEN)$")
# attribute or variable names that would hold a credential value
SECRET_KEY_NAME = re.compile(r"(password|passwd|secret|token|api_?key|access_?key|credential)", re.I)
# names that hold the NAME or location of a secret, not its value
SECRET_REF_NAME = re.compile(r"(_name|_path|_location|_dir|_bindings|existingsecret|secretname|_ref)$", re.I)
SECRET_VALUE_PATTERNS = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key id"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"), "an OpenAI-style API key"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}"), "a GitHub token"),
    (re.compile(r"\bxox[abpr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"), "a JWT"),
    (re.compile(r"palo-local-secret"), "the embedded stack's S3 secret"),
    # user:password@ in a URL, unless the password is a $(ENV) or ${...} reference
    (re.compile(r"://[^:/@\s\"]+:(?!\$\(|\$\{)[^@\s\"]+@"), "a password inside a URL"),
]


class Checker:
    def __init__(self, repo: pathlib.Path, tf: pathlib.Path):
        self.repo = repo
        self.tf = tf
        self.failures = []
        self.notes = []

    def fail(self, message):
        self.failures.append(message)

    # ---------------------------------------------------------------- HCL helpers

    def parse_all(self):
        self.files = {}
        for path in sorted(self.tf.rglob("*.tf")):
            if ".terraform" in path.parts:
                continue
            try:
                with path.open(encoding="utf-8") as fh:
                    self.files[path.relative_to(self.tf).as_posix()] = hcl2.load(fh)
            except Exception as e:  # the parser's own message says where
                self.fail(f"{path.relative_to(self.tf)}: does not parse as HCL2: {e}")
        if not self.files:
            self.fail(f"no .tf files under {self.tf}")

    @staticmethod
    def literal(value):
        """The string a quoted HCL literal stands for; None for an expression."""
        if isinstance(value, str) and len(value) >= 2 and value[0] == '"' and value[-1] == '"' and "${" not in value:
            return value[1:-1]
        return None

    @staticmethod
    def expression(value):
        """The text of a ${...} expression; None for anything else."""
        if isinstance(value, str) and value.startswith("${") and value.endswith("}"):
            return value[2:-1]
        return None

    def locals_of(self, file):
        merged = {}
        for block in self.files.get(file, {}).get("locals", []):
            merged.update({k: v for k, v in block.items() if k != "__is_block__"})
        return merged

    def variables_of(self, module_dir):
        variables = {}
        for file, doc in self.files.items():
            if pathlib.PurePosixPath(file).parent.as_posix() != module_dir:
                continue
            for block in doc.get("variable", []):
                for name, body in block.items():
                    variables[name.strip('"')] = body
        return variables

    def resources(self, file, rtype):
        found = {}
        for block in self.files.get(file, {}).get("resource", []):
            for t, named in block.items():
                if t.strip('"') == rtype:
                    for name, body in named.items():
                        found[name.strip('"')] = body
        return found

    def resolve(self, value, local_values, depth=0):
        """A literal, or a `local.a.b` reference followed through the module's locals."""
        lit = self.literal(value)
        if lit is not None or depth > 5:
            return lit
        if isinstance(value, int):
            return str(value)
        expr = self.expression(value)
        if expr is None:
            return None
        m = re.fullmatch(r"(?:tostring\()?local\.([A-Za-z0-9_.-]+)\)?", expr)
        if not m:
            return None
        node = local_values
        for part in m.group(1).split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return self.resolve(node, local_values, depth + 1)

    def walk(self, node, path=()):
        """Yields (path, key, value) for every attribute in a parsed document."""
        if isinstance(node, dict):
            for k, v in node.items():
                yield path, k, v
                yield from self.walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield path, i, v
                yield from self.walk(v, path + (i,))

    # ---------------------------------------------------------------- facts from the code

    def read(self, rel):
        return (self.repo / rel).read_text(encoding="utf-8")

    def code_task_queues(self):
        text = self.read("workflows/src/main/java/dev/palo/workflows/TaskQueues.java")
        # GPU_SHORT -> gpu-short: the pool's key is its Kubernetes name's tail, where "_" is not allowed
        return {m.group(1).lower().replace("_", "-"): m.group(2)
                for m in re.finditer(r'String\s+([A-Z_]+)\s*=\s*"([^"]+)"', text)}

    def app_properties(self):
        props = {}
        for line in self.read("services/src/main/resources/application.properties").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                props[k.strip()] = v.strip()
        return props

    def code_api_port(self, props):
        m = re.fullmatch(r"\$\{PALO_API_PORT:(\d+)\}", props.get("quarkus.http.port", ""))
        if not m:
            self.fail("services application.properties: quarkus.http.port is not ${PALO_API_PORT:<port>}; "
                      "this check no longer knows the app's port")
            return None
        return int(m.group(1))

    def code_health_paths(self, props):
        if "quarkus-smallrye-health" not in self.read("services/pom.xml"):
            self.fail("services/pom.xml has no quarkus-smallrye-health: the deployment's probes would 404")
        moved = [k for k in props if k in ("quarkus.http.root-path", "quarkus.http.non-application-root-path")
                 or (k.startswith("quarkus.smallrye-health.")
                     # health kept on the API port while the management interface serves metrics
                     and not (k == "quarkus.smallrye-health.management.enabled" and props[k] == "false"))]
        if moved:
            self.fail(f"application.properties sets {moved}: the health paths moved; update this check and config.tf")
        return {"live": "/q/health/live", "ready": "/q/health/ready"}

    def code_reads(self):
        """PALO_* variables the code reads: name -> files. Also the names Quarkus maps to palo.* properties."""
        reads = {}

        def add(name, path):
            reads.setdefault(name, set()).add(path.relative_to(self.repo).as_posix())

        for path in self.repo.glob("*/src/main/java/**/*.java"):
            text = path.read_text(encoding="utf-8")
            # a quoted name (getenv, env.get…), or picocli's ${env:NAME} default of a CLI option
            for name in re.findall(r'"(PALO_[A-Z0-9_]+)"', text) + re.findall(r"\$\{env:(PALO_[A-Z0-9_]+)", text):
                add(name, path)
        for path in self.repo.glob("infra/*/src/main/java/**/*.java"):
            for name in re.findall(r'"(PALO_[A-Z0-9_]+)"', path.read_text(encoding="utf-8")):
                add(name, path)
        for path in list(self.repo.glob("*/src/main/resources/**/*.properties")):
            for name in re.findall(r"\$\{(PALO_[A-Z0-9_]+)", path.read_text(encoding="utf-8")):
                add(name, path)
        scripts = [self.repo / "palo", *self.repo.glob("infra/local/*.sh"), *self.repo.glob("services/*.sh")]
        for path in scripts:
            for name in PALO_VAR.findall(path.read_text(encoding="utf-8")):
                add(name, path)
        # Quarkus reads palo.x-y from PALO_X_Y too: such names may be set, but are not required
        quarkus = set()
        sources = [path.read_text(encoding="utf-8") for path in self.repo.glob("services/src/main/java/**/*.java")]
        for text in sources:
            for prop in re.findall(r'@ConfigProperty\(name\s*=\s*"(palo\.[^"]+)"', text):
                quarkus.add(re.sub(r"[^A-Za-z0-9]", "_", prop).upper())
        for prop in self.mapped_properties(sources):
            quarkus.add(re.sub(r"[^A-Za-z0-9]", "_", prop).upper())
        return reads, quarkus

    @staticmethod
    def mapped_properties(sources):
        """The palo.* properties of the app's @ConfigMapping interfaces: each abstract method a property (its name in
        kebab case), or a group whose interface's methods continue the name."""
        interfaces = {}
        method = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*([\w<>, .?]+?)\s+(\w+)\(\);")
        for text in sources:
            open_interfaces, depth = [], 0  # (name, depth inside its body)
            for line in text.splitlines():
                found = method.match(line)
                if found and open_interfaces and open_interfaces[-1][1] == depth:
                    interfaces[open_interfaces[-1][0]].append(found.groups())
                declared = re.search(r"\binterface (\w+)\b.*\{", line)
                depth += line.count("{") - line.count("}")
                if declared:
                    open_interfaces.append((declared.group(1), depth))
                    interfaces.setdefault(declared.group(1), [])
                while open_interfaces and depth < open_interfaces[-1][1]:
                    open_interfaces.pop()
        props = []

        def walk(prefix, interface, depth=0):
            for kind, name in interfaces.get(interface, []):
                prop = prefix + "." + re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()
                if kind in interfaces and depth < 5:
                    walk(prop, kind, depth + 1)
                else:
                    props.append(prop)

        for text in sources:
            for prefix, root in re.findall(r'@ConfigMapping\(prefix\s*=\s*"(palo[^"]*)"\)\s*public interface (\w+)', text):
                walk(prefix, root)
        return props

    def local_only(self):
        entries = {}
        path = self.tf / "tests" / "local-only.tsv"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            name, _, reason = line.partition("\t")
            if not PALO_VAR.fullmatch(name) or not reason.strip():
                self.fail(f"tests/local-only.tsv:{n}: expected NAME<TAB>reason, got {line!r}")
                continue
            entries[name] = reason.strip()
        return entries

    # ---------------------------------------------------------------- the checks

    def check_config(self):
        config = self.locals_of("modules/palo/config.tf")
        if not config:
            self.fail("modules/palo/config.tf: no locals (the one place the deployment's environment is set)")
            return
        self.config = config
        props = self.app_properties()

        queues = self.code_task_queues()
        hcl_queues = {k: self.literal(v) for k, v in config.get("task_queues", {}).items()}
        if hcl_queues != queues:
            self.fail(f"config.tf task_queues {hcl_queues} differ from TaskQueues.java {queues}")
        for pool in POOLS:
            polled = self.resolve(config.get("role_env", {}).get(pool, {}).get("PALO_WORKER_QUEUES"), config)
            if polled != queues.get(pool):
                self.fail(f"config.tf role_env.{pool}.PALO_WORKER_QUEUES is {polled!r}, "
                          f"TaskQueues.{pool.upper()} is {queues.get(pool)!r}")

        port = self.code_api_port(props)
        if port is not None:
            if config.get("api_port") != port:
                self.fail(f"config.tf api_port {config.get('api_port')} differs from the app's port {port}")
            if self.resolve(config.get("palo_env", {}).get("PALO_API_PORT"), config) != str(port):
                self.fail("config.tf palo_env.PALO_API_PORT does not resolve to the app's port")

        health = self.code_health_paths(props)
        hcl_health = {k: self.literal(v) for k, v in config.get("health", {}).items()}
        if hcl_health != health:
            self.fail(f"config.tf health {hcl_health} differ from the app's {health}")

        host = props.get("quarkus.http.host", "0.0.0.0")
        if host != "0.0.0.0" and self.literal(config.get("role_env", {}).get("services", {}).get("QUARKUS_HTTP_HOST")) != "0.0.0.0":
            self.fail(f"the app binds {host} (application.properties); role_env.services must set QUARKUS_HTTP_HOST=0.0.0.0")

        self.check_images(config)
        self.check_variables(config)
        self.check_shutdown(config)
        self.check_metrics(config, props)

    def check_images(self, config):
        expected = self.expected_images()
        images = config.get("images", {})
        for role, name in expected.items():
            ref = images.get(role, "")
            m = re.fullmatch(r'"\$\{var\.image_registry\}/([a-z0-9._-]+):\$\{var\.image_tag\}"', ref or "")
            if not m:
                self.fail(f"config.tf images.{role} is {ref!r}, expected ${{var.image_registry}}/{name}:${{var.image_tag}}")
            elif m.group(1) != name:
                self.fail(f"config.tf images.{role} names image {m.group(1)!r}; the image build names it {name!r}")
        uses = {w: self.expression(body.get("image")) for w, body in self.workloads().items()}
        wanted = {"services": "local.images.services", "cpu": "local.images.worker", "gpu": "local.images.worker_gpu",
                  "gpu-short": "local.images.worker_gpu"}
        if uses != wanted:
            self.fail(f"workloads.tf images {uses}, expected {wanted}")

    def expected_images(self):
        """Image names from the image build: the root pom's images profile (palo.image.*)."""
        text = self.read("pom.xml")
        names = {}
        for role in ("services", "worker", "worker_gpu"):
            m = re.search(rf"<palo\.image\.{role}>([^<]+)</palo\.image\.{role}>", text)
            if not m:
                self.fail(f"pom.xml (images profile) defines no <palo.image.{role}>: the image build names no {role} image")
            else:
                names[role] = m.group(1)
        return names

    def workloads(self):
        return self.locals_of("modules/palo/workloads.tf").get("workloads", {})

    def check_variables(self, config):
        reads, quarkus = self.code_reads()
        local_only = self.local_only()
        set_where = {}
        for name in config.get("palo_env", {}):
            set_where.setdefault(name, []).append("palo_env")
        for role, env in config.get("role_env", {}).items():
            for name in env:
                set_where.setdefault(name, []).append(f"role_env.{role}")
        for name in config.get("secret_env", {}):
            set_where.setdefault(name, []).append("secret_env")
        self.coverage = {}
        for name in sorted(reads):
            if name == "PALO_SECRET_":
                continue  # the PALO_SECRET_<NAME> family: checked with the secrets mount below
            if name in set_where:
                self.coverage[name] = "set: " + ", ".join(set_where[name])
            elif name in local_only:
                self.coverage[name] = "local-only: " + local_only[name]
            else:
                self.fail(f"{name} is read by {sorted(reads[name])} but neither set by modules/palo/config.tf "
                          f"nor listed in tests/local-only.tsv")
        for name in sorted(set(local_only) - set(reads)):
            self.fail(f"tests/local-only.tsv lists {name}, which no code reads any more")
        for name in sorted(set(local_only) & set(set_where)):
            self.fail(f"{name} is listed local-only but set by config.tf ({set_where[name]})")
        for name in sorted(n for n in set_where if n.startswith("PALO_")):
            if name not in reads and name not in quarkus:
                self.fail(f"config.tf sets {name}, which no code reads (a typo, or a variable the code dropped)")
            elif name not in reads:
                self.coverage[name] = "set: " + ", ".join(set_where[name]) + " (Quarkus property)"
        for name in sorted(set_where):
            if CREDENTIAL_NAME.search(name) and set_where[name] != ["secret_env"]:
                self.fail(f"{name} holds a credential: set it only in secret_env (from a Secret), not {set_where[name]}")
        if "PALO_SECRET_" in reads:
            secrets_dir = self.resolve(config.get("palo_env", {}).get("PALO_SECRETS_DIR"), config)
            if secrets_dir is None or secrets_dir != self.literal(config.get("secrets_dir")):
                self.fail("PALO_SECRETS_DIR must be local.secrets_dir, where the API-key Secret is mounted")
            self.check_secrets_mount()
            self.coverage["PALO_SECRET_<NAME>"] = (f"files in PALO_SECRETS_DIR ({secrets_dir}), "
                                                   "the Secret var.api_keys_secret_name mounted in the worker pods")

    def check_shutdown(self, config):
        """Each role's worker drains for its pod's grace period less the exit margin, and each pod has that grace."""
        grace = config.get("grace_seconds", {})
        for role, env in config.get("role_env", {}).items():
            want = f"tostring(local.grace_seconds.{role} - local.shutdown_margin_seconds)"
            drain = self.expression(env.get("PALO_WORKER_DRAIN_SECONDS"))
            if drain != want or role not in grace:
                self.fail(f"config.tf role_env.{role}.PALO_WORKER_DRAIN_SECONDS is {drain!r}, not {want} "
                          "(the drain must end a margin before the pod's grace period)")
        if not isinstance(config.get("shutdown_margin_seconds"), int):
            self.fail("config.tf shutdown_margin_seconds must be a number of seconds")
        deployments = repr(self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1"))
        if "termination_grace_period_seconds': '${local.grace_seconds[each.key]}'" not in deployments:
            self.fail("workloads.tf: termination_grace_period_seconds must be local.grace_seconds[each.key]")

    def check_metrics(self, config, props):
        """The port and path Prometheus scrapes are the app's management interface's and the workers' endpoint's."""
        if "quarkus-micrometer-registry-prometheus" not in self.read("services/pom.xml"):
            self.fail("services/pom.xml has no quarkus-micrometer-registry-prometheus: nothing serves /q/metrics")
        m = re.fullmatch(r"\$\{PALO_METRICS_PORT:(\d+)\}", props.get("quarkus.management.port", ""))
        if props.get("quarkus.management.enabled") != "true" or not m:
            self.fail("application.properties: the management interface must be on, its port ${PALO_METRICS_PORT:<port>}")
            return
        metrics = config.get("metrics", {})
        if metrics.get("port") != int(m.group(1)):
            self.fail(f"config.tf metrics.port {metrics.get('port')} differs from the app's management port {m.group(1)}")
        if self.expression(config.get("palo_env", {}).get("PALO_METRICS_PORT")) != "tostring(local.metrics.port)":
            self.fail("config.tf palo_env.PALO_METRICS_PORT must be local.metrics.port")
        endpoint = self.read("activities/src/main/java/dev/palo/activities/worker/MetricsEndpoint.java")
        path = re.search(r'METRICS_PATH\s*=\s*"([^"]+)"', endpoint)
        if not path or self.literal(metrics.get("path")) != path.group(1):
            self.fail(f"config.tf metrics.path {metrics.get('path')} is not the workers' MetricsEndpoint.METRICS_PATH")
        pods = repr(self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1"))
        for needed in ("prometheus.io/port", "${local.metrics.path}", "${local.metrics.port}"):
            if needed not in pods:
                self.fail(f"workloads.tf: the pods do not carry {needed} for the scraper")

    def check_secrets_mount(self):
        deployments = self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1")
        text = repr(deployments)
        if "local.secrets_dir" not in text or "var.api_keys_secret_name" not in text or "secret_name" not in text:
            self.fail("workloads.tf: the API-key Secret (var.api_keys_secret_name) is not mounted at local.secrets_dir")
        pools = [w for w, body in self.workloads().items() if w in POOLS]
        for pool in pools:
            if self.workloads()[pool].get("api_keys") is not True:
                self.fail(f"workloads.tf: pool {pool} does not mount the API keys its activities need")

    def check_one_place(self):
        """No PALO_* environment is set outside config.tf's locals."""
        for file, doc in self.files.items():
            for path, key, value in self.walk(doc):
                where = f"{file}: {'.'.join(map(str, path + (key,)))}"
                if file == "modules/palo/config.tf" and path and path[0] == "locals":
                    continue
                if key == "name" and PALO_VAR.fullmatch(self.literal(value) or ""):
                    self.fail(f"{where}: sets {self.literal(value)} outside modules/palo/config.tf")
                if isinstance(key, str) and PALO_VAR.fullmatch(key.strip('"')):
                    self.fail(f"{where}: sets {key} outside modules/palo/config.tf")

    def check_no_secrets(self):
        for file, doc in self.files.items():
            for block in doc.get("resource", []):
                for rtype in block:
                    if rtype.strip('"') in ("kubernetes_secret", "kubernetes_secret_v1"):
                        self.fail(f"{file}: creates a {rtype.strip(chr(34))}: its values would sit in Terraform state; "
                                  "create Secrets outside Terraform (README: Secrets)")
            for block in doc.get("variable", []):
                for name, body in block.items():
                    name = name.strip('"')
                    if SECRET_KEY_NAME.search(name) and not SECRET_REF_NAME.search(name) and "default" in body:
                        self.fail(f"{file}: variable {name} looks like a secret value and has a default")
            for path, key, value in self.walk(doc):
                where = f"{file}: {'.'.join(map(str, path + (key,)))}"
                strings = [value] if isinstance(value, str) else []
                for s in strings:
                    for pattern, what in SECRET_VALUE_PATTERNS:
                        if pattern.search(s):
                            self.fail(f"{where}: looks like {what}")
                k = key.strip('"') if isinstance(key, str) else ""
                lit = self.literal(value)
                if (SECRET_KEY_NAME.search(k) and not SECRET_REF_NAME.search(k) and lit
                        and not isinstance(value, dict) and k not in ("secret", "key")):
                    self.fail(f"{where}: a literal value for a secret-named attribute; take it from a Secret")

    def check_deployed_pools(self):
        """Deployments and scalers follow gpu_scheduling: palo-gpu-short's pool exists only under "queues"."""
        want = 'var.gpu_scheduling == "queues" ? ["cpu", "gpu", "gpu-short"] : ["cpu", "gpu"]'
        if self.expression(self.config.get("deployed_pools")) != want:
            self.fail(f"config.tf deployed_pools must be {want}")
        deployments = self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1").get("palo", {})
        if self.expression(deployments.get("for_each")) != "local.deployed":
            self.fail("workloads.tf: the Deployments must be for_each = local.deployed (the pools deployed_pools names)")
        for file, name in (("modules/palo/workloads.tf", "deployed"), ("modules/palo/scaling.tf", "scaled_pools")):
            if "local.deployed_pools" not in (self.expression(self.locals_of(file).get(name)) or ""):
                self.fail(f"{file}: local.{name} must keep only the pools in local.deployed_pools")

    def check_scaling(self):
        scaling = self.locals_of("modules/palo/scaling.tf").get("pools", {})
        queues = self.code_task_queues()
        scaled = {pool: self.resolve(p.get("queue"), self.config) for pool, p in scaling.items()}
        if scaled != queues:
            self.fail(f"scaling.tf pools scale on {scaled}; the code's task queues are {queues}")
        scalers = self.resources("modules/palo/scaling.tf", "kubernetes_manifest").get("scaler")
        if not scalers:
            self.fail("scaling.tf: no kubernetes_manifest.scaler (KEDA ScaledObject per pool)")
            return
        manifest = scalers.get("manifest", {})
        if self.expression(scalers.get("for_each")) != "local.scaled_pools":
            self.fail("scaling.tf: the ScaledObjects must be one per deployed pool (for_each = local.scaled_pools)")
        self.check_deployed_pools()
        if self.literal(manifest.get("kind")) != "ScaledObject" or not (self.literal(manifest.get("apiVersion")) or "").startswith("keda.sh/"):
            self.fail("scaling.tf: kubernetes_manifest.scaler is not a KEDA ScaledObject")
        triggers = manifest.get("spec", {}).get("triggers", [])
        if not triggers or self.literal(triggers[0].get("type")) != "temporal":
            self.fail("scaling.tf: the pools must scale on KEDA's temporal trigger")
        else:
            meta = triggers[0].get("metadata", {})
            if self.expression(meta.get("taskQueue")) != "each.value.queue":
                self.fail("scaling.tf: the trigger's taskQueue must be the pool's queue (each.value.queue)")
            if self.expression(meta.get("endpoint")) != "var.temporal_address":
                self.fail("scaling.tf: the trigger's endpoint must be the address the workers use (var.temporal_address)")
        target = manifest.get("spec", {}).get("scaleTargetRef", {}).get("name", "")
        if "kubernetes_deployment_v1.palo[each.key]" not in target:
            self.fail("scaling.tf: a ScaledObject must target its own pool's Deployment")
        # the GPU pool can scale to zero by default
        root_vars = self.variables_of(".")
        gpu_default = root_vars.get("gpu_pool", {}).get("default", {})
        if gpu_default.get("min_replicas") != 0:
            self.fail(f"variables.tf gpu_pool.min_replicas defaults to {gpu_default.get('min_replicas')}, not 0 (scale to zero)")
        gpu = self.workloads().get("gpu", {})
        if self.expression(gpu.get("gpus")) != "var.gpu_pool.gpus":
            self.fail("workloads.tf: the gpu pool's GPU count must come from var.gpu_pool.gpus")
        if self.expression(gpu.get("node_selector")) != "var.gpu_node_selector" or \
                self.expression(gpu.get("tolerations")) != "var.gpu_tolerations":
            self.fail("workloads.tf: the gpu pool's node selector and tolerations must be variables")
        if '"nvidia.com/gpu"' not in repr(self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1")):
            self.fail("workloads.tf: no nvidia.com/gpu limit")

    def check_probes(self):
        text = repr(self.resources("modules/palo/workloads.tf", "kubernetes_deployment_v1"))
        for needed in ("local.health.live", "local.health.ready", "${local.api_port}"):
            if needed not in text:
                self.fail(f"workloads.tf: the services container does not use {needed} (probes and port)")
        service = self.resources("modules/palo/ingress.tf", "kubernetes_service_v1").get("services", {})
        if "${local.api_port}" not in repr(service):
            self.fail("ingress.tf: the Service's target port is not local.api_port")

    def check_engines(self):
        """The data services come from their projects' own charts or operators, configured as the issue asks."""
        charts = {"modules/temporal/main.tf": ("go.temporal.io/helm-charts", "temporal"),
                  "modules/minio/main.tf": ("charts.min.io", "minio"),
                  "modules/kafka/main.tf": ("strimzi.io/charts", "strimzi-kafka-operator"),
                  "modules/keda/main.tf": ("kedacore.github.io/charts", "keda")}
        for file, (repo, chart) in charts.items():
            releases = self.resources(file, "helm_release")
            if not any(repo in (self.literal(r.get("repository")) or "") and self.literal(r.get("chart")) == chart
                       for r in releases.values()):
                self.fail(f"{file}: no helm_release of chart {chart} from {repo}")
        temporal = repr(self.files.get("modules/temporal/main.tf", {}))
        if "postgres12" not in temporal or "existingSecret" not in temporal:
            self.fail("modules/temporal: persistence must be Postgres (postgres12) with the password from existingSecret")
        mlflow = repr(self.resources("modules/mlflow/main.tf", "kubernetes_deployment_v1"))
        for flag in ("--serve-artifacts", "--artifacts-destination", "postgresql://", "s3://"):
            if flag not in mlflow:
                self.fail(f"modules/mlflow: the server is not started with {flag}")
        kafka = repr(self.resources("modules/kafka/main.tf", "kubernetes_manifest"))
        if "kafka.strimzi.io/" not in kafka:
            self.fail("modules/kafka: no Strimzi Kafka resource")

    def run(self):
        self.parse_all()
        if self.failures:
            return
        self.config = {}
        self.coverage = {}
        self.check_config()
        if self.config:
            self.check_scaling()
            self.check_probes()
        self.check_one_place()
        self.check_no_secrets()
        self.check_engines()


def main(argv=None):
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=pathlib.Path, default=here.parents[2])
    parser.add_argument("--tf", type=pathlib.Path, default=here.parent)
    parser.add_argument("--coverage", action="store_true", help="print how each PALO_* variable is covered")
    args = parser.parse_args(argv)
    checker = Checker(args.repo.resolve(), args.tf.resolve())
    checker.run()
    for message in checker.failures:
        print(f"FAIL {message}")
    if args.coverage:
        for name, how in sorted(checker.coverage.items()):
            print(f"{name}\t{how}")
    if checker.failures:
        return 1
    print(f"infra/terraform: {len(checker.files)} .tf files parsed; queues, port, health paths, images, "
          f"{len(checker.coverage)} PALO_* variables and secrets checked against the code: OK")
    for note in checker.notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
