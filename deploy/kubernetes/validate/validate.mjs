// Offline checks of the rendered overlays (kubectl kustomize output), run by .ci/check-kubernetes:
//  - every core Kubernetes resource against its OpenAPI schema (npm kubernetes-models: types and required
//    fields; unknown fields are not caught), the Strimzi and CloudNativePG resources structurally;
//  - the Deployments: probes, non-root read-only containers, resources, every ConfigMap/Secret reference
//    resolvable (Secrets: deploy/kubernetes/secrets/*.template.yaml or CloudNativePG's <cluster>-app);
//  - Services, HPAs, PDBs, NetworkPolicies select what exists; each service reaches its own database only;
//  - each topic constant of libs/events Topics.java has a KafkaTopic (compacted where Topics.isCompacted);
//  - each route of DESIGN.md §8 has an Ingress path to the right, existing Service;
//  - the Secret templates hold no value but placeholders;
//  - each generated.yml (the Deployment and Service quarkus-kubernetes generates for a module) equals what the
//    module's build wrote to <module>/target/kubernetes/kubernetes.yml, every module with the extension has one,
//    and the rendered Deployments and Services of those modules are the generated ones.
// Usage: node validate.mjs --repo <root> --overlay dev=<rendered.yaml> --overlay prod=<rendered.yaml>
//          [--ha prod] [--design <DESIGN.md>]
// Prints one line per failure and a summary line "kubernetes: N passed, M failed"; exit 1 on any failure.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const opt = { overlays: [], ha: new Set(), repo: null, design: null, verbose: false };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--repo") opt.repo = resolve(args[++i]);
  else if (a === "--overlay") { const [n, f] = args[++i].split("="); opt.overlays.push({ name: n, file: f }); }
  else if (a === "--ha") opt.ha.add(args[++i]);
  else if (a === "--design") opt.design = args[++i];
  else if (a === "--verbose") opt.verbose = true;
  else { console.error(`unknown argument ${a}`); process.exit(2); }
}
if (!opt.repo || opt.overlays.length === 0) {
  console.error("usage: node validate.mjs --repo <root> --overlay <name>=<rendered.yaml> ... [--ha <name>] [--design <DESIGN.md>]");
  process.exit(2);
}

let passed = 0, failed = 0, skipped = 0;
function check(label, fn) {
  let problems;
  try { problems = fn(); } catch (e) { problems = [`${e.message}`]; }
  problems = (problems || []).filter(Boolean);
  if (problems.length === 0) { passed++; if (opt.verbose) console.log(`ok    ${label}`); }
  else { failed++; console.log(`FAIL  ${label}`); problems.forEach((p) => console.log(`        ${p}`)); }
}
function skip(label, why) { skipped++; console.log(`skip  ${label}: ${why}`); }

function loadYaml(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const out = [];
  for (const d of docs) {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    const v = d.toJS();
    if (v) out.push(v);
  }
  return out;
}
const id = (r) => `${r.kind}/${r.metadata?.name}`;
const get = (o, path) => path.split(".").reduce((x, k) => (x == null ? undefined : x[k]), o);
const matches = (selector, labels) =>
  selector && Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels && labels[k] === v);

// ---- core resources: kubernetes-models --------------------------------------------------------------------
const modelCache = new Map();
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    let model = null;
    try {
      const mod = await import(`kubernetes-models/${apiVersion}/${kind}`);
      model = mod[kind] ?? null;
    } catch { model = null; }
    modelCache.set(key, model);
  }
  return modelCache.get(key);
}
async function schemaProblems(r) {
  const Model = await modelFor(r.apiVersion, r.kind);
  if (!Model) return null;
  try { new Model(r).validate(); return []; } catch (e) {
    const errs = e.errors ?? [{ instancePath: "", message: e.message }];
    return errs.map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.additionalProperty ? " " + x.params.additionalProperty : ""}`);
  }
}

// ---- custom resources: structural rules --------------------------------------------------------------------
const isInt = (v) => Number.isInteger(v);
const CRD_RULES = {
  "kafka.strimzi.io/v1beta2/Kafka": (r) => [
    !Array.isArray(get(r, "spec.kafka.listeners")) || r.spec.kafka.listeners.length === 0 ? "spec.kafka.listeners missing" : null,
    ...(get(r, "spec.kafka.listeners") || []).map((l, i) =>
      !l.name || !isInt(l.port) || !["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"].includes(l.type) || typeof l.tls !== "boolean"
        ? `spec.kafka.listeners[${i}] needs name, integer port, known type, boolean tls` : null),
    typeof get(r, "spec.kafka.version") !== "string" ? "spec.kafka.version missing" : null,
    get(r, "spec.entityOperator.topicOperator") == null ? "spec.entityOperator.topicOperator missing (KafkaTopic resources would be ignored)" : null,
    get(r, "spec.zookeeper") != null ? "spec.zookeeper: Latchkey runs Kafka in KRaft mode" : null,
  ],
  "kafka.strimzi.io/v1beta2/KafkaNodePool": (r) => [
    !get(r, "metadata.labels")?.["strimzi.io/cluster"] ? "label strimzi.io/cluster missing" : null,
    !isInt(get(r, "spec.replicas")) || r.spec.replicas < 1 ? "spec.replicas must be an integer >= 1" : null,
    !Array.isArray(get(r, "spec.roles")) || r.spec.roles.length === 0 || r.spec.roles.some((x) => !["controller", "broker"].includes(x))
      ? "spec.roles must list controller and/or broker" : null,
    !["jbod", "persistent-claim", "ephemeral"].includes(get(r, "spec.storage.type")) ? "spec.storage.type unknown" : null,
  ],
  "kafka.strimzi.io/v1beta2/KafkaTopic": (r) => [
    !get(r, "metadata.labels")?.["strimzi.io/cluster"] ? "label strimzi.io/cluster missing" : null,
    !isInt(get(r, "spec.partitions")) || r.spec.partitions < 1 ? "spec.partitions must be an integer >= 1" : null,
    !isInt(get(r, "spec.replicas")) || r.spec.replicas < 1 ? "spec.replicas must be an integer >= 1" : null,
  ],
  "postgresql.cnpg.io/v1/Cluster": (r) => [
    !isInt(get(r, "spec.instances")) || r.spec.instances < 1 ? "spec.instances must be an integer >= 1" : null,
    typeof get(r, "spec.storage.size") !== "string" ? "spec.storage.size missing" : null,
    typeof get(r, "spec.bootstrap.initdb.database") !== "string" ? "spec.bootstrap.initdb.database missing" : null,
    typeof get(r, "spec.bootstrap.initdb.owner") !== "string" ? "spec.bootstrap.initdb.owner missing" : null,
  ],
};

// ---- sources in the repository -----------------------------------------------------------------------------
function readTopics() {
  const file = join(opt.repo, "libs/events/src/main/java/dev/latchkey/events/Topics.java");
  const src = readFileSync(file, "utf8");
  const constants = new Map();
  for (const m of src.matchAll(/public\s+static\s+final\s+String\s+(\w+)\s*=\s*"([^"]+)"/g)) constants.set(m[1], m[2]);
  const body = src.match(/isCompacted\s*\([^)]*\)\s*\{([\s\S]*?)\n\s{4}\}/)?.[1] ?? "";
  const compacted = new Set([...constants.keys()].filter((c) => new RegExp(`\\b${c}\\b`).test(body)).map((c) => constants.get(c)));
  return { constants, compacted };
}

function readRoutes() {
  const candidates = [opt.design, process.env.LATCHKEY_DESIGN_MD, join(opt.repo, "../shared/DESIGN.md"),
    join(opt.repo, "DESIGN.md"), join(opt.repo, "docs/DESIGN.md")].filter(Boolean);
  for (const f of candidates) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f, "utf8");
    const section = text.split(/^## /m).find((s) => /^8\.\s/.test(s));
    if (!section) continue;
    const routes = [];
    for (const line of section.split("\n")) {
      const cells = line.split("|").map((c) => c.trim());
      if (cells.length < 4 || !line.includes("`")) continue;
      const service = cells[2];
      for (const m of cells[1].matchAll(/`([^`]+)`/g)) {
        const prefix = m[1].replace(/…$/, "").replace(/\/$/, "");
        if (prefix.startsWith("/")) routes.push({ prefix, service });
      }
    }
    if (routes.length) return { source: f, routes };
  }
  // fallback: deploy/local's copy of the table (the local gateway routes by it)
  const svc = join(opt.repo, "deploy/local/src/main/java/dev/latchkey/local/Service.java");
  const src = readFileSync(svc, "utf8");
  const routes = [];
  for (const m of src.matchAll(/new Service\("([^"]+)",[^;]*?List\.of\(([^)]*)\)\)/gs)) {
    for (const p of m[2].matchAll(/"([^"]+)"/g)) routes.push({ prefix: p[1].replace(/\/$/, ""), service: m[1] });
  }
  return { source: svc + " (DESIGN.md not found)", routes };
}

function readSecretTemplates() {
  const dir = join(opt.repo, "deploy/kubernetes/secrets");
  const templates = new Map();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".template.yaml")).sort()) {
    for (const r of loadYaml(join(dir, f))) templates.set(r.metadata.name, { file: f, resource: r });
  }
  return templates;
}

// The copies deploy/kubernetes/refresh-generated.sh writes: its header's first line names the module.
function readGeneratedCopies() {
  const base = join(opt.repo, "deploy/kubernetes");
  const copies = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== "node_modules") walk(join(dir, e.name));
      else if (e.isFile() && e.name === "generated.yml") {
        const file = join(dir, e.name);
        const text = readFileSync(file, "utf8");
        const module = text.match(/^# Generated by quarkus-kubernetes from module (\S+):/)?.[1] ?? null;
        copies.push({ file, rel: file.slice(opt.repo.length + 1), module, text, resources: loadYaml(file) });
      }
    }
  };
  walk(base);
  return copies.sort((a, b) => a.rel.localeCompare(b.rel));
}

// Modules (one or two levels down: token-service, examples/accounts-api) whose pom uses quarkus-kubernetes.
function modulesWithKubernetesExtension() {
  const found = [];
  const look = (rel) => {
    const pom = join(opt.repo, rel, "pom.xml");
    if (existsSync(pom) && /<artifactId>quarkus-kubernetes<\/artifactId>/.test(readFileSync(pom, "utf8"))) found.push(rel);
  };
  for (const d of readdirSync(opt.repo, { withFileTypes: true }).filter((x) => x.isDirectory() && !x.name.startsWith("."))) {
    look(d.name);
    for (const sub of readdirSync(join(opt.repo, d.name), { withFileTypes: true }).filter((x) => x.isDirectory())) look(`${d.name}/${sub.name}`);
  }
  return found.sort();
}

function checkGeneratedCopies(copies) {
  const refresh = "deploy/kubernetes/refresh-generated.sh";
  for (const c of copies) {
    const label = `generated: ${c.rel} is what ${c.module ?? "?"}'s build generates`;
    if (!c.module) { check(label, () => ["first line must name the module (# Generated by quarkus-kubernetes from module <module>: ...); run " + refresh]); continue; }
    if (!existsSync(join(opt.repo, c.module, "pom.xml"))) { check(label, () => [`no module ${c.module} (no ${c.module}/pom.xml)`]); continue; }
    const target = join(opt.repo, c.module, "target/kubernetes/kubernetes.yml");
    if (!existsSync(target)) {
      // CI runs ./mvnw verify first, so target/ must be there; on a workstation the build may simply not have run
      if (process.env.CI === "true") check(label, () => [`${c.module}/target/kubernetes/kubernetes.yml missing: did the build run before this check?`]);
      else skip(label, `${c.module}/target/kubernetes/kubernetes.yml missing (build the module, e.g. ${refresh})`);
      continue;
    }
    check(label, () => {
      const committed = c.text.split("\n").filter((l, i, all) => !(l.startsWith("#") && all.slice(0, i).every((x) => x.startsWith("#")))).join("\n");
      const built = readFileSync(target, "utf8");
      if (committed === built) return [];
      const a = committed.split("\n"), b = built.split("\n");
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      const props = join(opt.repo, c.module, "src/main/resources/application.properties");
      const stale = existsSync(props) && statSync(props).mtimeMs > statSync(target).mtimeMs;
      return [
        `differs from ${c.module}/target/kubernetes/kubernetes.yml at line ${i + 1}: committed ${JSON.stringify(a[i] ?? "<end>")}, built ${JSON.stringify(b[i] ?? "<end>")}`,
        stale ? `(target/ is older than ${c.module}'s application.properties: rebuild first)` : null,
        `refresh the copy with ${refresh} and commit it`,
      ];
    });
  }
  check("generated: every module with quarkus-kubernetes has a generated.yml in deploy/kubernetes", () => {
    const named = new Set(copies.map((c) => c.module));
    return modulesWithKubernetesExtension().filter((m) => !named.has(m))
      .map((m) => `${m} uses quarkus-kubernetes but no generated.yml names it: add it to ${refresh} and to a kustomization`);
  });
}

// ---- checks of one rendered overlay ------------------------------------------------------------------------
async function checkOverlay(name, resources, ctx) {
  const ha = opt.ha.has(name);
  const byKind = (k) => resources.filter((r) => r.kind === k);
  const find = (k, n) => resources.find((r) => r.kind === k && r.metadata?.name === n);
  const deployments = byKind("Deployment");
  const services = byKind("Service");
  const clusters = byKind("Cluster").filter((r) => r.apiVersion.startsWith("postgresql.cnpg.io/"));

  // names unique per kind
  check(`${name}: resource names unique per kind and namespace`, () => {
    const seen = new Set(); const dup = [];
    for (const r of resources) { const k = `${r.kind}/${r.metadata?.namespace}/${r.metadata?.name}`; if (seen.has(k)) dup.push(k); seen.add(k); }
    return dup.map((d) => `duplicate ${d}`);
  });

  // schema of every resource
  for (const r of resources) {
    const core = await schemaProblems(r);
    if (core !== null) { check(`${name}: ${id(r)} matches the Kubernetes schema (${r.apiVersion})`, () => core); continue; }
    const rule = CRD_RULES[`${r.apiVersion}/${r.kind}`];
    if (rule) check(`${name}: ${id(r)} is a well-formed ${r.apiVersion} ${r.kind}`, () => rule(r));
    else check(`${name}: ${id(r)} has a known kind`, () => [`no schema or rule for ${r.apiVersion} ${r.kind}`]);
  }

  // Deployments
  const configMaps = new Map(byKind("ConfigMap").map((c) => [c.metadata.name, c]));
  const generatedSecrets = new Map(clusters.map((c) => [`${c.metadata.name}-app`, ["username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass"]]));
  for (const d of deployments) {
    const pod = d.spec.template.spec;
    const labels = d.spec.template.metadata?.labels ?? {};
    check(`${name}: Deployment/${d.metadata.name} selector matches its pod labels`, () =>
      matches(d.spec.selector?.matchLabels, labels) ? [] : ["spec.selector.matchLabels does not match the template labels"]);
    check(`${name}: Deployment/${d.metadata.name} runs non-root with a read-only root filesystem`, () => {
      const p = [];
      if (pod.securityContext?.runAsNonRoot !== true) p.push("pod securityContext.runAsNonRoot must be true");
      if (pod.automountServiceAccountToken !== false) p.push("automountServiceAccountToken must be false");
      for (const c of pod.containers) {
        const s = c.securityContext ?? {};
        if (s.readOnlyRootFilesystem !== true) p.push(`${c.name}: readOnlyRootFilesystem must be true`);
        if (s.allowPrivilegeEscalation !== false) p.push(`${c.name}: allowPrivilegeEscalation must be false`);
        if (!(s.capabilities?.drop ?? []).includes("ALL")) p.push(`${c.name}: capabilities.drop must contain ALL`);
        if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) p.push(`${c.name}: needs a writable /tmp (emptyDir)`);
      }
      return p;
    });
    check(`${name}: Deployment/${d.metadata.name} has liveness /q/health/live and readiness /q/health/ready on a declared port`, () => {
      const p = [];
      for (const c of pod.containers) {
        const ports = new Set((c.ports ?? []).flatMap((x) => [x.name, x.containerPort]));
        if (c.livenessProbe?.httpGet?.path !== "/q/health/live") p.push(`${c.name}: livenessProbe must GET /q/health/live`);
        if (c.readinessProbe?.httpGet?.path !== "/q/health/ready") p.push(`${c.name}: readinessProbe must GET /q/health/ready`);
        for (const pr of [c.livenessProbe, c.readinessProbe, c.startupProbe].filter(Boolean)) {
          if (pr.httpGet && !ports.has(pr.httpGet.port)) p.push(`${c.name}: probe port ${pr.httpGet.port} is not a container port`);
        }
      }
      return p;
    });
    check(`${name}: Deployment/${d.metadata.name} requests CPU and memory and limits memory`, () =>
      pod.containers.flatMap((c) => [
        c.resources?.requests?.cpu ? null : `${c.name}: resources.requests.cpu missing`,
        c.resources?.requests?.memory ? null : `${c.name}: resources.requests.memory missing`,
        c.resources?.limits?.memory ? null : `${c.name}: resources.limits.memory missing`,
      ]));
    check(`${name}: Deployment/${d.metadata.name} references only ConfigMaps and Secrets that exist`, () => {
      const p = [];
      const secretHas = (s, key) => {
        if (generatedSecrets.has(s)) return generatedSecrets.get(s).includes(key) ? null : `Secret ${s} (CloudNativePG) has no key ${key}`;
        const t = ctx.secrets.get(s);
        if (!t) return `Secret ${s} has no template in deploy/kubernetes/secrets/`;
        const keys = Object.keys({ ...(t.resource.stringData ?? {}), ...(t.resource.data ?? {}) });
        return key == null || keys.includes(key) ? null : `Secret ${s} (${t.file}) has no key ${key}`;
      };
      for (const c of pod.containers) {
        for (const ef of c.envFrom ?? []) {
          if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) p.push(`ConfigMap ${ef.configMapRef.name} not rendered`);
          if (ef.secretRef) p.push(secretHas(ef.secretRef.name, null));
        }
        for (const e of c.env ?? []) {
          const cm = e.valueFrom?.configMapKeyRef, sk = e.valueFrom?.secretKeyRef;
          if (cm && !(configMaps.get(cm.name)?.data ?? {})[cm.key]) p.push(`ConfigMap ${cm.name} has no key ${cm.key}`);
          if (sk) p.push(secretHas(sk.name, sk.key));
        }
      }
      return p;
    });
    if (ha) {
      check(`${name}: Deployment/${d.metadata.name} is highly available (>= 2 replicas, spread over nodes)`, () => [
        (d.spec.replicas ?? 1) >= 2 ? null : `replicas ${d.spec.replicas ?? 1} < 2`,
        (pod.topologySpreadConstraints ?? []).some((t) => t.topologyKey === "kubernetes.io/hostname") ||
        pod.affinity?.podAntiAffinity ? null : "no topology spread or anti-affinity over kubernetes.io/hostname",
        byKind("PodDisruptionBudget").some((b) => matches(b.spec.selector?.matchLabels, labels) && (b.spec.minAvailable ?? 0) >= 1)
          ? null : "no PodDisruptionBudget with minAvailable >= 1",
      ]);
    }
  }

  // int-or-string fields: the API server accepts a string only as a percentage ("25%"); quarkus-kubernetes writes
  // rolling-update values as strings, so an unquoted-looking "1" would be rejected at apply time
  const percentOrInt = (v) => v == null || Number.isInteger(v) || /^[0-9]+%$/.test(String(v));
  for (const r of [...deployments, ...byKind("PodDisruptionBudget")]) {
    check(`${name}: ${id(r)} writes its int-or-percent fields as integers or percentages`, () => {
      const fields = r.kind === "Deployment"
        ? { "spec.strategy.rollingUpdate.maxSurge": get(r, "spec.strategy.rollingUpdate.maxSurge"), "spec.strategy.rollingUpdate.maxUnavailable": get(r, "spec.strategy.rollingUpdate.maxUnavailable") }
        : { "spec.minAvailable": r.spec.minAvailable, "spec.maxUnavailable": r.spec.maxUnavailable };
      return Object.entries(fields).filter(([, v]) => !percentOrInt(v)).map(([f, v]) => `${f} ${JSON.stringify(v)} is a string but not a percentage`);
    });
  }
  // envFrom: the generated Deployments list ConfigMaps in name order, and a later one wins on a shared key, so the
  // ConfigMaps of one container must not share keys (which value applies would depend on their names)
  for (const d of deployments) {
    check(`${name}: Deployment/${d.metadata.name}'s envFrom ConfigMaps share no key`, () =>
      d.spec.template.spec.containers.flatMap((c) => {
        const seen = new Map(), p = [];
        for (const cm of (c.envFrom ?? []).map((e) => e.configMapRef?.name).filter(Boolean)) {
          for (const k of Object.keys(configMaps.get(cm)?.data ?? {})) {
            if (seen.has(k)) p.push(`${c.name}: ${k} is in both ${seen.get(k)} and ${cm}`);
            else seen.set(k, cm);
          }
        }
        return p;
      }));
  }
  for (const g of ctx.generated) {
    for (const gr of g.resources.filter((x) => ["Deployment", "Service"].includes(x.kind))) {
      const rendered = find(gr.kind, gr.metadata.name);
      if (!rendered) continue;
      check(`${name}: ${id(gr)} is the one generated by quarkus-kubernetes (${g.rel})`, () =>
        rendered.metadata.labels?.["app.kubernetes.io/managed-by"] === "quarkus" ? [] : [`rendered ${id(gr)} is not from ${g.rel} (no label app.kubernetes.io/managed-by=quarkus)`]);
    }
  }

  // Services select a Deployment and name a container port
  for (const s of services) {
    check(`${name}: Service/${s.metadata.name} selects a Deployment and its target ports exist`, () => {
      const d = deployments.find((x) => matches(s.spec.selector, x.spec.template.metadata?.labels));
      if (!d) return ["selects no Deployment"];
      const ports = new Set(d.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).flatMap((x) => [x.name, x.containerPort])));
      return s.spec.ports.map((p) => (ports.has(p.targetPort ?? p.port) ? null : `targetPort ${p.targetPort} not in Deployment/${d.metadata.name}`));
    });
  }
  for (const h of byKind("HorizontalPodAutoscaler")) {
    check(`${name}: HorizontalPodAutoscaler/${h.metadata.name} scales an existing Deployment`, () => [
      find(h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name) ? null : `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name} not rendered`,
      h.spec.minReplicas <= h.spec.maxReplicas ? null : "minReplicas > maxReplicas",
    ]);
  }
  for (const b of byKind("PodDisruptionBudget")) {
    check(`${name}: PodDisruptionBudget/${b.metadata.name} selects a Deployment and leaves room to drain`, () => {
      const d = deployments.find((x) => matches(b.spec.selector?.matchLabels, x.spec.template.metadata?.labels));
      if (!d) return ["selects no Deployment"];
      const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef.name === d.metadata.name);
      const min = Math.min(d.spec.replicas ?? 1, hpa?.spec.minReplicas ?? Infinity);
      return [b.spec.minAvailable != null && b.spec.minAvailable >= min ? `minAvailable ${b.spec.minAvailable} >= ${min} replicas: no node could ever be drained` : null];
    });
  }

  // NetworkPolicies: every Deployment is covered in both directions
  const policies = byKind("NetworkPolicy");
  for (const d of deployments) {
    check(`${name}: Deployment/${d.metadata.name} is covered by a NetworkPolicy for ingress and egress`, () => {
      const labels = d.spec.template.metadata?.labels;
      const mine = policies.filter((p) => matches(p.spec.podSelector?.matchLabels, labels));
      return [
        mine.some((p) => (p.spec.policyTypes ?? []).includes("Ingress")) ? null : "no Ingress policy",
        mine.some((p) => (p.spec.policyTypes ?? []).includes("Egress")) ? null : "no Egress policy",
      ];
    });
  }

  // each service with a database: ConfigMap URL, credentials and egress all name the same CloudNativePG cluster
  for (const d of deployments) {
    const c = d.spec.template.spec.containers[0];
    const cmNames = (c.envFrom ?? []).map((e) => e.configMapRef?.name).filter(Boolean);
    const url = cmNames.map((n) => configMaps.get(n)?.data?.LATCHKEY_DB_URL).find(Boolean);
    if (!url) continue;
    check(`${name}: Deployment/${d.metadata.name} reaches its own database and no other`, () => {
      const m = url.match(/^postgresql:\/\/([a-z0-9-]+)-rw(?:\.[a-z0-9.-]+)?:5432\/(\w+)$/);
      if (!m) return [`LATCHKEY_DB_URL ${url} is not postgresql://<cluster>-rw:5432/<db>`];
      const [, cluster, db] = m;
      const cl = clusters.find((x) => x.metadata.name === cluster);
      const jdbc = cmNames.map((n) => configMaps.get(n)?.data?.LATCHKEY_DB_JDBC_URL).find(Boolean);
      const userRef = (c.env ?? []).find((e) => e.name === "LATCHKEY_DB_USER")?.valueFrom?.secretKeyRef?.name;
      const pwRef = (c.env ?? []).find((e) => e.name === "LATCHKEY_DB_PASSWORD")?.valueFrom?.secretKeyRef?.name;
      const labels = d.spec.template.metadata?.labels;
      const egressClusters = policies.filter((p) => matches(p.spec.podSelector?.matchLabels, labels))
        .flatMap((p) => p.spec.egress ?? []).flatMap((e) => e.to ?? [])
        .map((t) => t.podSelector?.matchLabels?.["cnpg.io/cluster"]).filter(Boolean);
      const dbPolicy = policies.find((p) => p.spec.podSelector?.matchLabels?.["cnpg.io/cluster"] === cluster);
      const dbClients = (dbPolicy?.spec.ingress ?? []).flatMap((i) => i.from ?? [])
        .map((f) => f.podSelector?.matchLabels?.["app.kubernetes.io/name"]).filter(Boolean);
      return [
        cl ? null : `no CloudNativePG Cluster ${cluster}`,
        cl && cl.spec.bootstrap?.initdb?.database !== db ? `Cluster ${cluster} creates ${cl.spec.bootstrap?.initdb?.database}, not ${db}` : null,
        jdbc === `jdbc:postgresql://${url.slice("postgresql://".length)}` ? null : `LATCHKEY_DB_JDBC_URL ${jdbc} differs from LATCHKEY_DB_URL`,
        userRef === `${cluster}-app` && pwRef === `${cluster}-app` ? null : `credentials must come from Secret ${cluster}-app`,
        egressClusters.length === 1 && egressClusters[0] === cluster ? null : `egress to database clusters [${egressClusters}] must be exactly [${cluster}]`,
        dbPolicy ? null : `no NetworkPolicy guards Cluster ${cluster}`,
        dbPolicy && dbClients.some((n) => n !== d.metadata.name) ? `Cluster ${cluster} also admits ${dbClients.filter((n) => n !== d.metadata.name)}` : null,
      ];
    });
  }

  // Kafka topics
  const kafkas = byKind("Kafka");
  const pools = byKind("KafkaNodePool");
  const topics = byKind("KafkaTopic");
  check(`${name}: Kafka runs in KRaft mode with controllers and brokers`, () => {
    if (kafkas.length !== 1) return [`expected one Kafka, found ${kafkas.length}`];
    const mine = pools.filter((p) => p.metadata.labels?.["strimzi.io/cluster"] === kafkas[0].metadata.name);
    return [
      mine.some((p) => p.spec.roles.includes("controller")) ? null : "no node pool with the controller role",
      mine.some((p) => p.spec.roles.includes("broker")) ? null : "no node pool with the broker role",
    ];
  });
  const brokers = pools.filter((p) => p.spec.roles?.includes("broker")).reduce((n, p) => n + p.spec.replicas, 0);
  for (const [constant, topic] of ctx.topics.constants) {
    check(`${name}: Topics.${constant} (${topic}) has a KafkaTopic`, () => {
      const t = topics.find((x) => (x.spec.topicName ?? x.metadata.name) === topic);
      if (!t) return [`no KafkaTopic for ${topic}`];
      const cfg = t.spec.config ?? {};
      const isr = Number(cfg["min.insync.replicas"] ?? 1);
      const policy = cfg["cleanup.policy"] ?? "delete";
      return [
        kafkas.some((k) => k.metadata.name === t.metadata.labels?.["strimzi.io/cluster"]) ? null : `label strimzi.io/cluster names no Kafka`,
        t.spec.replicas <= brokers ? null : `replicas ${t.spec.replicas} > ${brokers} brokers`,
        brokers >= 3 && t.spec.replicas < 3 ? `replicas ${t.spec.replicas} < 3` : null,
        brokers >= 3 && isr !== 2 ? `min.insync.replicas ${isr}, expected 2` : null,
        isr <= t.spec.replicas ? null : `min.insync.replicas ${isr} > replicas ${t.spec.replicas}`,
        ctx.topics.compacted.has(topic) && !String(policy).includes("compact") ? `cleanup.policy ${policy}: Topics.isCompacted says compact` : null,
        !ctx.topics.compacted.has(topic) && String(policy).includes("compact") ? `cleanup.policy ${policy}: Topics.isCompacted says not compacted` : null,
      ];
    });
  }
  for (const t of topics) {
    const topic = t.spec.topicName ?? t.metadata.name;
    check(`${name}: KafkaTopic/${t.metadata.name} is a topic of Topics.java`, () =>
      [...ctx.topics.constants.values()].includes(topic) ? [] : [`${topic} is not in Topics.java`]);
  }

  // routes of DESIGN.md §8
  const paths = byKind("Ingress").flatMap((ing) => (ing.spec.rules ?? []).flatMap((rule) => (rule.http?.paths ?? []).map((p) => ({ ing, rule, p }))));
  for (const { prefix, service } of ctx.routes.routes) {
    const label = `${name}: route ${prefix} reaches Service ${service}`;
    if (!ctx.presentServices.has(service)) { skip(label, `module ${service}/ is not in the repository yet`); continue; }
    check(label, () => {
      const hit = paths
        .filter(({ p }) => p.pathType === "Prefix" || p.pathType === "Exact")
        .filter(({ p }) => p.pathType === "Exact" ? p.path === prefix : (prefix === p.path || prefix.startsWith(p.path.replace(/\/$/, "") + "/")))
        .sort((a, b) => b.p.path.length - a.p.path.length)[0];
      if (!hit) return [`no Ingress path covers ${prefix}`];
      const backend = hit.p.backend?.service;
      const svc = find("Service", backend?.name);
      return [
        backend?.name === service ? null : `Ingress/${hit.ing.metadata.name} path ${hit.p.path} goes to ${backend?.name}, not ${service}`,
        svc ? null : `Service ${backend?.name} not rendered`,
        svc && !svc.spec.ports.some((x) => x.name === backend.port?.name || x.port === backend.port?.number) ? `Service ${backend.name} has no port ${JSON.stringify(backend.port)}` : null,
        (hit.ing.spec.tls ?? []).some((t) => (t.hosts ?? []).includes(hit.rule.host)) ? null : `host ${hit.rule.host} is not served over TLS`,
      ];
    });
  }
  check(`${name}: oauth-service's /oauth endpoints get the client certificate (mutual TLS)`, () => {
    const hit = paths.find(({ p }) => p.path === "/oauth" && p.backend?.service?.name === "oauth-service");
    if (!hit) return ["no Ingress path /oauth to oauth-service"];
    const a = hit.ing.metadata.annotations ?? {};
    return [
      a["nginx.ingress.kubernetes.io/auth-tls-verify-client"] === "optional_no_ca" ? null : "auth-tls-verify-client must be optional_no_ca",
      a["nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream"] === "true" ? null : "auth-tls-pass-certificate-to-upstream must be \"true\"",
      a["nginx.ingress.kubernetes.io/auth-tls-secret"] ? null : "auth-tls-secret must name a CA Secret (ingress-nginx ignores auth-tls otherwise)",
      configMaps.get("oauth-service-config")?.data?.LATCHKEY_OAUTH_CLIENT_CERTIFICATE_HEADER === "ssl-client-cert" ? null : "oauth-service must read the ssl-client-cert header",
    ];
  });
}

// ---- main --------------------------------------------------------------------------------------------------
const ctx = {
  topics: readTopics(),
  routes: readRoutes(),
  secrets: readSecretTemplates(),
  presentServices: new Set(readdirSync(opt.repo).filter((d) => existsSync(join(opt.repo, d, "pom.xml")))),
  generated: readGeneratedCopies(),
};
console.log(`topics: ${[...ctx.topics.constants.values()].join(", ")} (compacted: ${[...ctx.topics.compacted].join(", ")})`);
console.log(`routes: ${ctx.routes.routes.length} from ${ctx.routes.source}`);

for (const [sname, { file, resource }] of ctx.secrets) {
  const schema = await schemaProblems(resource);
  check(`secrets: ${file} is a valid Secret`, () => schema ?? ["no schema for Secret"]);
  check(`secrets: ${file} holds placeholders only`, () => {
    const values = { ...(resource.stringData ?? {}), ...(resource.data ?? {}) };
    return Object.entries(values).filter(([, v]) => !String(v).includes("REPLACE_ME")).map(([k]) => `${sname}.${k} is not a REPLACE_ME placeholder`);
  });
}
checkGeneratedCopies(ctx.generated);
for (const { name, file } of opt.overlays) {
  let resources;
  try { resources = loadYaml(file); } catch (e) { check(`${name}: rendered output parses`, () => [e.message]); continue; }
  check(`${name}: renders resources`, () => (resources.length > 0 ? [] : ["nothing rendered"]));
  await checkOverlay(name, resources, ctx);
}
console.log(`kubernetes: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
