// The browser personaliser's derivation against the same vectors and messages as the Swift
// library. Run with `node --test Tests/JavaScript` (make test does).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repository = path.join(__dirname, '..', '..');
const { derive } = require(path.join(repository, 'Templates', 'site', 'personalize.js'));
const read = (file) => JSON.parse(fs.readFileSync(path.join(repository, file), 'utf8'));

const regions = read('Templates/regions.json').regions;
const messages = read('Tests/Snapshots/scim-url-messages.json');

for (const file of ['scim-url.json', 'scim-url-edge-cases.json']) {
  const vectors = read(path.join('Tests', 'Fixtures', file));

  test(`${file}: ships the region table the vectors were written for`, () => {
    assert.deepEqual(Object.fromEntries(regions.map((r) => [r.key, r.host])), vectors.regions);
  });

  for (const vector of vectors.cases) {
    test(`${file}: ${vector.name}`, () => {
      const result = derive(vector.input, regions);
      if (vector.error) {
        assert.equal(result.error, vector.error, result.message);
        assert.equal(result.message, messages[`${file}/${vector.name}`], 'the message differs from the Swift library');
      } else {
        assert.equal(result.error, undefined, result.message);
        assert.equal(result.scim, vector.scim);
        assert.equal(result.region, vector.region);
        assert.equal(result.tenant, vector.tenant);
      }
    });
  }
}

test('every error message of the vectors is checked', () => {
  const errors = ['scim-url.json', 'scim-url-edge-cases.json']
    .flatMap((file) => read(path.join('Tests', 'Fixtures', file)).cases.filter((c) => c.error).map((c) => `${file}/${c.name}`));
  assert.deepEqual(errors.sort(), Object.keys(messages).sort());
});

test('a long, hostile value is quoted like Swift quotes it: escapes, then cut in the middle', () => {
  const result = derive({ url: '\u001b[31m' + 'x'.repeat(200) + '\u202e' }, regions);
  assert.equal(result.error, 'not-a-url');
  assert.match(result.message, /^‘\\u\{1b\}\[31mx{30}…x{31}\\u\{202e\}’ is not a URL/);
});
