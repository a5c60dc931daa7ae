#!/usr/bin/env python3
# check-openapi.py — the control plane's OpenAPI document is valid JSON,
# describes every path of the protocol, and every route sluice-server has.
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

# The protocol (sluice-protocol.md), path by path.
CONTRACT = [
    ('get', '/v1/health'),
    ('get', '/v1/whoami'),
    ('get', '/v1/workflows'),
    ('get', '/v1/workflows/{name}/versions'),
    ('post', '/v1/workflows/{name}/versions'),
    ('get', '/v1/workflows/{name}/versions/{n}'),
    ('post', '/v1/workflows/{name}/versions/{n}/run-test'),
    ('post', '/v1/reports'),
    ('get', '/v1/reports/{digest}'),
    ('get', '/v1/workflows/{name}/rollout'),
    ('put', '/v1/workflows/{name}/rollout'),
    ('post', '/v1/workflows/{name}/rollout/promote'),
    ('post', '/v1/workflows/{name}/rollout/pause'),
    ('post', '/v1/workflows/{name}/rollout/resume'),
    ('post', '/v1/workflows/{name}/rollout/rollback'),
    ('get', '/v1/kill-switch'),
    ('put', '/v1/kill-switch'),
    ('post', '/v1/workflows/{name}/runtime'),
    ('get', '/v1/workflows/{name}/status'),
    ('get', '/v1/workflows/{name}/audit'),
    ('get', '/v1/audit'),
]

ERROR_CODES = ['unauthenticated', 'forbidden', 'not_found', 'method_not_allowed', 'stale_base',
               'invalid_transition', 'no_good_version', 'idempotency_key_reused', 'invalid_workflow',
               'invalid_request', 'invalid_name', 'too_large', 'unsupported_media_type',
               'rate_limited', 'kill_switch', 'internal']


def fail(message):
    print('check-openapi: ' + message, file=sys.stderr)
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding='utf-8') as f:
        doc = json.load(f)
    with open(sys.argv[2], encoding='utf-8') as f:
        routes_c = f.read()

    if not doc.get('openapi', '').startswith('3.0'):
        fail('not an OpenAPI 3.0 document')
    paths = doc.get('paths', {})

    routes = re.findall(r'\{\s*"(GET|PUT|POST|DELETE)",\s*"([^"]+)"', routes_c)
    if len(routes) < len(CONTRACT):
        fail('found only %d routes in %s' % (len(routes), sys.argv[2]))
    expected = set(CONTRACT) | {(m.lower(), '/v1/' + p) for m, p in routes}

    for method, path in sorted(expected):
        operation = paths.get(path, {}).get(method)
        if operation is None:
            fail('%s %s is missing' % (method.upper(), path))
        if 'responses' not in operation or not operation.get('description'):
            fail('%s %s needs responses and a description' % (method.upper(), path))
        needs_auth = path != '/v1/health'
        if needs_auth and operation.get('security', doc.get('security')) in (None, []):
            fail('%s %s must require the bearer token' % (method.upper(), path))
        for name in re.findall(r'\{(\w+)\}', path):
            params = [p for p in operation.get('parameters', []) + paths[path].get('parameters', [])
                      if '$ref' in p or p.get('name') == name]
            if not params:
                fail('%s %s does not describe {%s}' % (method.upper(), path, name))

    schemes = doc.get('components', {}).get('securitySchemes', {})
    if not any(s.get('type') == 'http' and s.get('scheme') == 'bearer' for s in schemes.values()):
        fail('no bearer security scheme')
    codes = doc['components']['schemas']['Error']['properties']['error']['properties']['code'].get('enum', [])
    for code in ERROR_CODES:
        if code not in codes:
            fail('error code %s is not in the Error schema' % code)

    def check_refs(node):
        if isinstance(node, dict):
            ref = node.get('$ref')
            if ref is not None:
                target = doc
                for part in ref.lstrip('#/').split('/'):
                    if part not in target:
                        fail('dangling $ref ' + ref)
                    target = target[part]
            for value in node.values():
                check_refs(value)
        elif isinstance(node, list):
            for value in node:
                check_refs(value)

    check_refs(doc)
    print('ok: %d operations' % sum(len(v) for v in paths.values()))


if __name__ == '__main__':
    main()
