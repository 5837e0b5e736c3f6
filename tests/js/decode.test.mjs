// The generated page decoder (src/wasm/js/decode.js) against the Rust decoder: every answer of
// tests/js/decode-corpus.json (written by the native test `response::js` from the Rust decoder:
// the cases of src/response/tests.rs, edge cases of every rule and 300 seeded random pages) must
// decode to exactly the Rust result: the same page and paging facts, or the same error (a shape
// error naming the same field, or "not JSON" for what the Rust reader refuses as JSON, whose
// message the Rust side words from the bytes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodeDescribePage, markCapped } from "../../src/wasm/js/decode.js";

const corpus = JSON.parse(readFileSync(new URL("./decode-corpus.json", import.meta.url), "utf8"));
const bytesOf = (c) =>
  c.bodyHex !== undefined ? Uint8Array.from(Buffer.from(c.bodyHex, "hex")) : new TextEncoder().encode(c.body);

/** The summary without its absent members (the corpus leaves them out). */
function present(summary) {
  const out = {};
  for (const [k, v] of Object.entries(summary)) if (v !== undefined) out[k] = v;
  return out;
}

test("the corpus covers pages, shape errors and bodies that are not JSON", () => {
  const kinds = { page: 0, shape: 0, json: 0 };
  for (const c of corpus.cases) {
    if (c.page) kinds.page++;
    else if (c.error.shape) kinds.shape++;
    else kinds.json++;
  }
  assert.ok(corpus.cases.length > 600, `${corpus.cases.length} cases`);
  for (const [k, n] of Object.entries(kinds)) assert.ok(n > 20, `only ${n} ${k} cases`);
});

test("every corpus answer decodes as the Rust decoder decodes it", () => {
  const failures = [];
  for (const c of corpus.cases) {
    const got = decodeDescribePage(bytesOf(c));
    try {
      if (c.page) {
        assert.ok(got.page, `expected a page, got ${JSON.stringify(got)}`);
        assert.deepEqual(got.page, c.page);
        // Member order is the tables' (deepEqual does not look at it).
        assert.equal(JSON.stringify(got.page), JSON.stringify(c.page));
        assert.deepEqual(present(got.summary), c.summary);
      } else if (c.error.shape) {
        assert.deepEqual(got, { shapeError: { field: c.error.shape[0], expected: c.error.shape[1] } });
      } else {
        assert.deepEqual(got, { unparsed: true });
      }
    } catch (e) {
      failures.push(`${c.name}: ${e.message.slice(0, 600)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test("64-bit IDs stay exact and huge counts read as JSON.parse reads their digits", () => {
  const body = new TextEncoder().encode(
    '{"RequestId":"r","TotalCount":18446744073709551615,"NetworkInterfaceSets":{"NetworkInterfaceSet":[' +
      '{"NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceID":18446744073709551615,"OwnerId":-9223372036854775808}]}}',
  );
  const { page } = decodeDescribePage(body);
  assert.equal(page.networkInterfaces[0].serviceId, "18446744073709551615");
  assert.equal(page.networkInterfaces[0].ownerId, "-9223372036854775808");
  assert.equal(page.totalCount, 2 ** 64); // the digits of 2^64 - 1 as JSON.parse reads them
});

test("markCapped adds capped last", () => {
  const { page } = decodeDescribePage(new TextEncoder().encode('{"RequestId":"r"}'));
  markCapped(page);
  assert.equal(JSON.stringify(page), '{"requestId":"r","networkInterfaces":[],"capped":true}');
});
