#!/usr/bin/env python3
"""A local stand-in for the clouds' APIs and findings stores, for the benchmarks (loopback only).

Serves, from events-samples/:
  AWS   EKS (REST JSON: describe-cluster, node groups, add-ons), ECR DescribeImageScanFindings (any
        image: a basic scan with 500 findings, made up from its digest), Security Hub
        (BatchImportFindings, GetFindings)
  Azure the managed identity token endpoint (App Service: GET /msi/token), ARM (the routes of
        events-samples/azure/resources/arm-routes.json), Defender assessments and metadata (PUT, DELETE)
  GCP   GKE clusters.get (REST), Security Command Center findings (PATCH, REST)

Each findings store can enforce its limits (--limits): a token bucket per store (rate per second and
burst); a request past it gets 429 (with Retry-After: 1 for Security Hub and ARM, as they send).
Security Hub batches above 100 findings or 6 MB are refused with 400. GET /__stats answers, per
store, the requests, the 429s, the findings received, the distinct ones and the ids received more
than once after a success (doubled); POST /__reset clears them.

    python3 bench/stub.py --port 0 --port-file PORTFILE [--limits securityhub=10:30,scc=...,arm=...]
"""
import argparse
import gzip
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "events-samples")
LOCK = threading.Lock()


class Bucket:
    def __init__(self, rate, burst):
        self.rate, self.burst, self.tokens, self.at = rate, burst, float(burst), time.monotonic()

    def take(self):
        with LOCK:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


BUCKETS = {}
STATS = {}


def stats(store):
    return STATS.setdefault(store, {"requests": 0, "throttled": 0, "rejected": 0, "findings": 0,
                                    "ids": {}, "first": None, "last": None})


def record(store, ids):
    with LOCK:
        s = stats(store)
        now = time.monotonic()
        s["first"] = s["first"] or now
        s["last"] = now
        s["findings"] += len(ids)
        for i in ids:
            s["ids"][i] = s["ids"].get(i, 0) + 1


def read(path):
    with open(path, "rb") as f:
        return f.read()


ARM_ROUTES = {}
try:
    for r in json.loads(read(os.path.join(ROOT, "azure", "resources", "arm-routes.json")))["routes"]:
        ARM_ROUTES[(r["method"], r["path"].lower())] = r["file"]
except OSError:
    pass


def ecr_scan(request, count=500):
    """A completed basic scan of the requested image with `count` findings."""
    digest = request.get("imageId", {}).get("imageDigest", "sha256:" + "0" * 64)
    seed = int(digest[-8:], 16) if digest[-8:].isalnum() else 7
    sev = ["CRITICAL", "HIGH", "MEDIUM", "MEDIUM", "LOW", "LOW", "INFORMATIONAL"]
    findings, counts = [], {}
    for i in range(count):
        s = sev[(seed + i * 7) % len(sev)]
        counts[s] = counts.get(s, 0) + 1
        cve = f"CVE-{2022 + (seed + i) % 4}-{10000 + (seed * 31 + i * 97) % 50000}"
        findings.append({
            "name": cve,
            "description": f"A flaw in package-{i % 60} allows a remote attacker to cause a denial of service "
                           "or possibly execute code via crafted input.",
            "uri": f"https://security-tracker.debian.org/tracker/{cve}",
            "severity": s,
            "attributes": [
                {"key": "package_version", "value": f"1.{i % 9}.{i % 13}-{i % 5}+deb12u{i % 4}"},
                {"key": "package_name", "value": f"package-{i % 60}"},
                {"key": "CVSS3_VECTOR", "value": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                {"key": "CVSS3_SCORE", "value": str(round(1 + (i % 90) / 10, 1))},
            ],
        })
    return {
        "registryId": request.get("registryId", "418273645091"),
        "repositoryName": request.get("repositoryName", "shop/web"),
        "imageId": {"imageDigest": digest},
        "imageScanStatus": {"status": "COMPLETE", "description": "The scan was completed successfully."},
        "imageScanFindings": {"imageScanCompletedAt": 1764407810.0, "vulnerabilitySourceUpdatedAt": 1764372000.0,
                              "findingSeverityCounts": counts, "findings": findings},
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One write per response, without Nagle: otherwise headers and body leave as two segments and
    # the delayed ACK adds ~40 ms to every call.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", ctype="application/json", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n) if n else b""
        if self.headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        return data

    def throttled(self, store):
        with LOCK:
            stats(store)["requests"] += 1
        bucket = BUCKETS.get(store)
        if bucket and not bucket.take():
            with LOCK:
                stats(store)["throttled"] += 1
            if store == "securityhub":
                self.send(429, {"Message": "Rate exceeded", "Code": "TooManyRequestsException"},
                          headers={"x-amzn-ErrorType": "TooManyRequestsException", "Retry-After": "1"})
            elif store == "arm":
                self.send(429, {"error": {"code": "TooManyRequests", "message": "throttled"}},
                          headers={"Retry-After": "1"})
            else:
                self.send(429, {"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED"}})
            return True
        return False

    # ---- GET ----
    def do_GET(self):
        url = urlparse(self.path)
        p = url.path
        if p == "/__stats":
            with LOCK:
                out = {}
                for k, s in STATS.items():
                    doubled = sum(1 for c in s["ids"].values() if c > 1)
                    span = (s["last"] - s["first"]) if s["first"] and s["last"] else 0
                    out[k] = {"requests": s["requests"], "throttled": s["throttled"],
                              "rejected": s["rejected"], "findings": s["findings"],
                              "distinct": len(s["ids"]), "doubled": doubled, "seconds": span}
            return self.send(200, out)
        if p == "/msi/token":
            return self.send(200, {"access_token": "bench-token", "expires_on": str(int(time.time()) + 3600),
                                   "resource": parse_qs(url.query).get("resource", [""])[0],
                                   "token_type": "Bearer"})
        m = re.fullmatch(r"/clusters/([^/]+)(/node-groups|/addons)?(?:/([^/]+))?", p)
        if m:
            name, kind, item = m.groups()
            if kind is None:
                f = f"{name}.describe-cluster.json"
            elif item is None:
                f = f"{name}.list-{'nodegroups' if kind == '/node-groups' else 'addons'}.json"
            else:
                f = f"{name}.describe-{'nodegroup' if kind == '/node-groups' else 'addon'}.{item}.json"
            path = os.path.join(ROOT, "aws", "resources", "eks", f)
            if os.path.exists(path):
                return self.send(200, read(path))
            return self.send(404, {"message": "not found"}, headers={"x-amzn-ErrorType": "ResourceNotFoundException"})
        if re.fullmatch(r"/v1/(organizations|folders|projects)/[^/]+/sources/[^/]+/findings", p):
            # SCC ListFindings (the sink reads a resource's stored findings before writing; reads
            # have their own quota): nothing stored, as for a first write.
            return self.send(200, {})
        if p.startswith("/v1/projects/"):
            path = os.path.join(ROOT, "gcp", "resources", "container", p.lstrip("/") + ".json")
            if os.path.exists(path):
                return self.send(200, read(path))
            return self.send(404, {"error": {"code": 404, "status": "NOT_FOUND"}})
        f = ARM_ROUTES.get(("GET", p.lower()))
        if f:
            return self.send(200, read(os.path.join(ROOT, "azure", "resources", f)))
        self.send(404, {"error": {"code": "ResourceNotFound", "message": "not found"}})

    # ---- writes ----
    def do_POST(self):
        p = urlparse(self.path).path
        data = self.body()
        if p == "/__reset":
            with LOCK:
                STATS.clear()
            return self.send(200, {})
        if p == "/findings/import":
            if len(data) > 6 * 1024 * 1024:
                with LOCK:
                    stats("securityhub")["rejected"] += 1
                return self.send(413, {"Message": "request too large"})
            findings = json.loads(data or b"{}").get("Findings", [])
            if len(findings) > 100:
                with LOCK:
                    stats("securityhub")["rejected"] += 1
                return self.send(400, {"Message": "at most 100 findings", "Code": "InvalidInputException"},
                                 headers={"x-amzn-ErrorType": "InvalidInputException"})
            if self.throttled("securityhub"):
                return
            record("securityhub", [f.get("Id") for f in findings])
            return self.send(200, {"SuccessCount": len(findings), "FailedCount": 0, "FailedFindings": []})
        if p == "/findings":
            return self.send(200, {"Findings": []})
        target = self.headers.get("X-Amz-Target", "")
        if target.endswith(".DescribeImageScanFindings"):
            return self.send(200, ecr_scan(json.loads(data or b"{}")), "application/x-amz-json-1.1")
        if "/sources/" in p:
            return self.scc(p, data)
        self.send(404, {"message": "not found"})

    def do_PATCH(self):
        p = urlparse(self.path).path
        data = self.body()
        if "/sources/" in p:
            return self.scc(p, data)
        self.send(404, {})

    def scc(self, p, data):
        if self.throttled("scc"):
            return
        name = p.split("/v1/", 1)[-1].split(":")[0]
        record("scc", [name])
        try:
            body = json.loads(data or b"{}")
        except ValueError:
            body = {}
        body.setdefault("name", name)
        self.send(200, body)

    def do_PUT(self):
        p = urlparse(self.path).path
        data = self.body()
        if "/providers/microsoft.security/assessmentmetadata/" in p.lower():
            body = json.loads(data or b"{}")
            return self.send(200, {"id": p, "name": p.rsplit("/", 1)[-1], "type": "Microsoft.Security/assessmentMetadata",
                                   "properties": body.get("properties", {})})
        if "/providers/microsoft.security/assessments/" in p.lower():
            if self.throttled("arm"):
                return
            record("arm", [p.lower()])
            body = json.loads(data or b"{}")
            return self.send(201, {"id": p, "type": "Microsoft.Security/assessments",
                                   "properties": body.get("properties", {})})
        self.send(404, {"error": {"code": "ResourceNotFound"}})

    def do_DELETE(self):
        self.send(200, b"")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--limits", default="", help="store=rate:burst,... (securityhub, scc, arm)")
    ap.add_argument("--seconds", type=float, default=3600, help="stop by itself after this long")
    a = ap.parse_args()
    for item in filter(None, a.limits.split(",")):
        store, spec = item.split("=")
        rate, burst = spec.split(":")
        BUCKETS[store] = Bucket(float(rate), float(burst))
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    if a.port_file:
        with open(a.port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(a.port_file + ".tmp", a.port_file)
    threading.Timer(a.seconds, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
