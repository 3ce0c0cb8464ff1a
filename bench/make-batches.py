#!/usr/bin/env python3
"""Writes the 100-event batches of the memory benchmark (bench/memory.sh) from the samples.

    python3 bench/make-batches.py OUTDIR

OUTDIR/aws-sqs-100.json      an SQS batch of 100 EventBridge events (as the SQS handler receives it):
                             34 ECR Image Scan (each image's full scan read: 500 findings),
                             33 Config item changes of an EKS cluster (node groups, add-ons read),
                             33 CloudTrail UpdateClusterConfig (the cluster read again)
OUTDIR/azure-eventgrid-100.json  an Event Grid delivery of 100 events: 50 Resource Notifications
                             carrying an AKS cluster (diagnostic settings read), 50 ResourceWriteSuccess
                             of an AKS cluster (cluster and diagnostic settings read)
Ids (event, message, image digest) are made distinct; everything else is the sample's.
"""
import copy
import hashlib
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "events-samples")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def load(*path):
    with open(os.path.join(ROOT, *path)) as f:
        return json.load(f)


def uid(*parts):
    h = hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


scan, config, trail = load("aws", "ecr-image-scan.json"), load("aws", "config-eks-cluster.json"), \
    load("aws", "cloudtrail-eks-update-cluster-config.json")
template = load("aws", "sqs-batch.json")["Records"][0]
records = []
for i in range(100):
    if i % 3 == 0:
        e = copy.deepcopy(scan)
        e["detail"]["image-digest"] = "sha256:" + hashlib.sha256(f"image-{i}".encode()).hexdigest()
    elif i % 3 == 1:
        e = copy.deepcopy(config)
    else:
        e = copy.deepcopy(trail)
    e["id"] = uid("event", i)
    r = copy.deepcopy(template)
    r["messageId"] = uid("message", i)
    r["body"] = json.dumps(e)
    r["md5OfBody"] = hashlib.md5(r["body"].encode()).hexdigest()
    records.append(r)
with open(os.path.join(out, "aws-sqs-100.json"), "w") as f:
    json.dump({"Records": records}, f)

arn = load("azure", "eventgrid", "arn-aks-created-or-updated-eventgrid.json")
write = load("azure", "eventgrid", "aks-write-eventgrid.json")
arn = arn[0] if isinstance(arn, list) else arn
write = write[0] if isinstance(write, list) else write
events = []
for i in range(100):
    e = copy.deepcopy(arn if i % 2 == 0 else write)
    e["id"] = uid("eventgrid", i)
    events.append(e)
with open(os.path.join(out, "azure-eventgrid-100.json"), "w") as f:
    json.dump(events, f)
