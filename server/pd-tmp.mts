import { openDatabase } from "/work/main/server/src/db/connection.ts";
import { mkdtempSync } from "node:fs";
async function main() {
const db = await openDatabase({ dataDir: mkdtempSync("/tmp/pd-"), logger: console as any } as any);
const c = (db as any).connection ?? db;
const conn = c.db ? c : (db as any).mongoose;
const coll = conn.db.collection("t");
const docs = Array.from({ length: 2000 }, (_, i) => ({ _id: `k${i}`, a: `k${i}`, pad: "x".repeat(200) }));
await coll.insertMany(docs);
await coll.createIndex({ a: 1 }, { unique: true });
for (const [label, filter] of [["_id", { _id: "k1500" }], ["a", { a: "k1500" }], ["_id+", { _id: "k1500", a: "k1500" }]] as const) {
  const t = performance.now();
  for (let i = 0; i < 50; i++) await coll.findOne(filter);
  console.log(label, ((performance.now() - t) / 50).toFixed(2), "ms/findOne");
}
for (const [label, filter] of [["_id", { _id: "k1500" }], ["a", { a: "k1500" }]] as const) {
  const t = performance.now();
  for (let i = 0; i < 50; i++) await coll.findOneAndUpdate(filter, { $set: { b: i } });
  console.log("fam", label, ((performance.now() - t) / 50).toFixed(2), "ms");
}
{ const t = performance.now(); for (let i = 0; i < 50; i++) await coll.insertOne({ a: `n${i}` }); console.log("insertOne", ((performance.now() - t) / 50).toFixed(2)); }
process.exit(0);
}
void main();
