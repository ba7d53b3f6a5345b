#!/usr/bin/env python3
"""Writes schema.json (field number -> JSON name and type per message) from the Kubernetes
generated.proto files, so the demo API server can read the protobuf bodies kubectl's typed
clients send. Usage: gen-schema.py <kubernetes/api checkout> <kubernetes/apimachinery checkout>."""
import json
import re
import sys

API = ['core/v1', 'apps/v1', 'batch/v1', 'networking/v1', 'policy/v1', 'rbac/v1', 'autoscaling/v1',
       'autoscaling/v2', 'coordination/v1', 'discovery/v1', 'events/v1', 'scheduling/v1', 'storage/v1',
       'authorization/v1', 'authentication/v1']
MACHINERY = ['pkg/apis/meta/v1', 'pkg/runtime', 'pkg/runtime/schema', 'pkg/util/intstr', 'pkg/api/resource']

FIELD = re.compile(r'^\s*(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)')
MAP = re.compile(r'^\s*map<\s*(\w+)\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)')
SCALARS = {'string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'sint32', 'sint64', 'fixed32', 'fixed64'}


def parse(text, schema):
    package = re.search(r'^package ([\w.]+);', text, re.M).group(1)
    stack = []
    for line in text.splitlines():
        line = line.split('//')[0]
        m = re.match(r'^\s*message (\w+) \{', line)
        if m:
            stack.append(m.group(1))
            schema['.'.join([package] + stack)] = {}
            continue
        if re.match(r'^\s*\}', line) and stack:
            stack.pop()
            continue
        if not stack:
            continue
        msg = schema['.'.join([package] + stack)]
        m = MAP.match(line)
        if m:
            msg[m.group(4)] = [m.group(3), 'map', resolve(m.group(2), package)]
            continue
        m = FIELD.match(line)
        if m:
            t = resolve(m.group(2), package)
            msg[m.group(4)] = [m.group(3), t] + (['r'] if m.group(1) == 'repeated' else [])


def resolve(t, package):
    if t in SCALARS:
        return t
    if t.startswith('.'):
        return t[1:]
    return package + '.' + t


def main():
    api, machinery = sys.argv[1], sys.argv[2]
    schema = {}
    for d in API:
        parse(open(f'{api}/{d}/generated.proto').read(), schema)
    for d in MACHINERY:
        parse(open(f'{machinery}/{d}/generated.proto').read(), schema)
    json.dump(schema, sys.stdout, separators=(',', ':'), sort_keys=True)


main()
