// Validates every built-in Kubernetes object of rendered kustomize output against the Kubernetes OpenAPI schema, as
// compiled by kubernetes-models: required fields, types, enums and formats (quantities, ports). Unknown fields are the
// Java checker's part (those schemas allow them). Custom resources (Strimzi, CloudNativePG) are left to the Java checker.
//   node check.mjs OVERLAY=RENDERED.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CUSTOM_GROUPS = ["kafka.strimzi.io/", "postgresql.cnpg.io/"];
const problems = [];
let checked = 0;

for (const argument of process.argv.slice(2)) {
  const [overlay, file] = argument.split("=", 2);
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = document.toJS();
    if (!object || CUSTOM_GROUPS.some((group) => String(object.apiVersion).startsWith(group))) continue;
    const where = `${overlay}: ${object.kind}/${object.metadata?.name}`;
    let Model;
    try {
      ({ [object.kind]: Model } = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`));
    } catch {
      problems.push(`${where}: no Kubernetes OpenAPI schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (error) {
      for (const e of error.errors ?? [{ instancePath: "", message: error.message }]) {
        problems.push(`${where}: ${e.instancePath.slice(1).replaceAll("/", ".") || "(object)"} ${e.message}`);
      }
    }
  }
}

if (problems.length) {
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(`openapi-validation: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`openapi-validation: ${checked} built-in Kubernetes objects valid against the OpenAPI schema`);
