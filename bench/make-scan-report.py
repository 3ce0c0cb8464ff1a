#!/usr/bin/env python3
"""Writes a realistic Trivy (schema 2) image report with 500 vulnerabilities, for the engine benchmark.

Deterministic (fixed seed): run once, commit the output. Shaped like `trivy image --format json` of a
Debian 12 based Java/Go service image: most findings on OS packages (with Debian's severity, NVD and
Red Hat CVSS, references), the rest on Go modules and Java libraries.

    python3 bench/make-scan-report.py > benchmarks/src/main/resources/bench/trivy-500.json
"""
import hashlib
import json
import random
import sys

rnd = random.Random(20261129)
TOTAL = 500
IMAGE = "shopregistry.azurecr.io/payments-api:4.7.2"
DIGEST = "sha256:" + hashlib.sha256(b"payments-api:4.7.2").hexdigest()
LAYERS = [hashlib.sha256(f"layer{i}".encode()).hexdigest() for i in range(6)]

OS_PKGS = [
    ("libc-bin", "2.36-9+deb12u9"), ("libc6", "2.36-9+deb12u9"), ("libssl3", "3.0.15-1~deb12u1"),
    ("openssl", "3.0.15-1~deb12u1"), ("libsystemd0", "252.33-1~deb12u1"), ("libudev1", "252.33-1~deb12u1"),
    ("libgnutls30", "3.7.9-2+deb12u3"), ("libkrb5-3", "1.20.1-2+deb12u2"), ("libgssapi-krb5-2", "1.20.1-2+deb12u2"),
    ("libk5crypto3", "1.20.1-2+deb12u2"), ("libkrb5support0", "1.20.1-2+deb12u2"), ("libexpat1", "2.5.0-1+deb12u1"),
    ("libxml2", "2.9.14+dfsg-1.3~deb12u1"), ("libsqlite3-0", "3.40.1-2+deb12u1"), ("zlib1g", "1:1.2.13.dfsg-1"),
    ("libcurl4", "7.88.1-10+deb12u8"), ("curl", "7.88.1-10+deb12u8"), ("libpam0g", "1.5.2-6+deb12u1"),
    ("libpam-modules", "1.5.2-6+deb12u1"), ("login", "1:4.13+dfsg1-1+b1"), ("passwd", "1:4.13+dfsg1-1+b1"),
    ("perl-base", "5.36.0-7+deb12u1"), ("libtasn1-6", "4.19.0-2+deb12u1"), ("libgcrypt20", "1.10.1-3"),
    ("libncursesw6", "6.4-4"), ("ncurses-base", "6.4-4"), ("libtinfo6", "6.4-4"), ("coreutils", "9.1-1"),
    ("tar", "1.34+dfsg-1.2+deb12u1"), ("util-linux", "2.38.1-5+deb12u3"), ("libblkid1", "2.38.1-5+deb12u3"),
    ("libmount1", "2.38.1-5+deb12u3"), ("libuuid1", "2.38.1-5+deb12u3"), ("libsmartcols1", "2.38.1-5+deb12u3"),
    ("bsdutils", "1:2.38.1-5+deb12u3"), ("libgnutls-dane0", "3.7.9-2+deb12u3"), ("libldap-2.5-0", "2.5.13+dfsg-5"),
    ("libsasl2-2", "2.1.28+dfsg-10"), ("libssh2-1", "1.10.0-3+b1"), ("libnghttp2-14", "1.52.0-1+deb12u2"),
    ("libfreetype6", "2.12.1+dfsg-5+deb12u3"), ("libpng16-16", "1.6.39-2"), ("libharfbuzz0b", "6.0.0+dfsg-3"),
    ("libjpeg62-turbo", "1:2.1.5-2"), ("liblcms2-2", "2.14-2"), ("fontconfig-config", "2.14.1-4"),
    ("openjdk-17-jre-headless", "17.0.13+11-2~deb12u1"), ("libapt-pkg6.0", "2.6.1"), ("apt", "2.6.1"),
    ("gpgv", "2.2.40-1.1"), ("libdb5.3", "5.3.28+dfsg2-1"), ("libpcre2-8-0", "10.42-1"),
]
GO_MODS = [
    ("stdlib", "v1.23.6"), ("golang.org/x/net", "v0.33.0"), ("golang.org/x/crypto", "v0.31.0"),
    ("google.golang.org/grpc", "v1.64.0"), ("github.com/golang-jwt/jwt/v5", "v5.2.1"),
    ("github.com/docker/docker", "v26.1.4+incompatible"), ("golang.org/x/oauth2", "v0.21.0"),
]
JARS = [
    ("com.fasterxml.jackson.core:jackson-databind", "2.13.4.2"), ("org.yaml:snakeyaml", "1.33"),
    ("io.netty:netty-codec-http2", "4.1.100.Final"), ("io.netty:netty-handler", "4.1.100.Final"),
    ("org.springframework:spring-web", "5.3.31"), ("org.springframework:spring-webmvc", "5.3.31"),
    ("org.apache.tomcat.embed:tomcat-embed-core", "9.0.83"), ("ch.qos.logback:logback-core", "1.2.12"),
    ("com.google.protobuf:protobuf-java", "3.21.7"), ("org.apache.commons:commons-compress", "1.21"),
    ("com.nimbusds:nimbus-jose-jwt", "9.31"), ("org.bouncycastle:bcprov-jdk18on", "1.76"),
]
TITLES = [
    "buffer overflow in {p}", "use-after-free in {p}", "denial of service via crafted input in {p}",
    "integer overflow leading to heap corruption in {p}", "NULL pointer dereference in {p}",
    "out-of-bounds read in {p}", "improper certificate validation in {p}", "uncontrolled recursion in {p}",
    "path traversal in {p}", "request smuggling in {p}", "information disclosure in {p}",
    "excessive resource consumption in {p}",
]
SEVERITIES = [("CRITICAL", 4, (9.0, 9.8)), ("HIGH", 3, (7.0, 8.9)), ("MEDIUM", 2, (4.0, 6.9)),
              ("LOW", 1, (0.1, 3.9)), ("UNKNOWN", 0, None)]
WEIGHTS = [4, 18, 43, 30, 5]
VECTORS = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
           "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"]


def uid(s):
    return hashlib.sha256(s.encode()).hexdigest()[:16]


def vuln(n, kind):
    year = rnd.choice([2022, 2023, 2024, 2024, 2025, 2025, 2025])
    cve = f"CVE-{year}-{rnd.randint(1000, 58999)}"
    sev, vendor_level, rng = rnd.choices(SEVERITIES, WEIGHTS)[0]
    if kind == "os":
        name, version = OS_PKGS[n % len(OS_PKGS)]
        purl = f"pkg:deb/debian/{name}@{version}?arch=amd64&distro=debian-12.9"
        source, ds = "debian", {"ID": "debian", "Name": "Debian Security Tracker",
                                "URL": "https://salsa.debian.org/security-tracker-team/security-tracker"}
        status = rnd.choices(["fixed", "affected", "will_not_fix", "fix_deferred"], [45, 35, 12, 8])[0]
        fixed = version.rsplit("u", 1)[0] + "u" + str(rnd.randint(2, 12)) if status == "fixed" else ""
        layer = LAYERS[0]
    elif kind == "go":
        name, version = GO_MODS[n % len(GO_MODS)]
        purl = f"pkg:golang/{name}@{version}"
        source, ds = "nvd", {"ID": "govulndb", "Name": "The Go Vulnerability Database", "URL": "https://pkg.go.dev/vuln/"}
        status = "fixed"
        fixed = f"{version.lstrip('v').rsplit('.', 1)[0]}.{rnd.randint(7, 40)}"
        layer = LAYERS[4]
    else:
        name, version = JARS[n % len(JARS)]
        g, a = name.split(":")
        purl = f"pkg:maven/{g}/{a}@{version}"
        source, ds = "ghsa", {"ID": "ghsa", "Name": "GitHub Security Advisory Maven",
                              "URL": "https://github.com/advisories?query=type%3Areviewed+ecosystem%3Amaven"}
        status = "fixed"
        parts = version.split(".")
        fixed = ".".join(parts[:-1] + [str(int(''.join(c for c in parts[-1] if c.isdigit()) or 0) + rnd.randint(1, 9))])
        fixed += ", " + ".".join(parts[:1] + [str(int(parts[1]) + 1), "0"])
        layer = LAYERS[5]
    v = {
        "VulnerabilityID": cve,
        "PkgID": f"{name}@{version}",
        "PkgName": name,
        "PkgIdentifier": {"PURL": purl, "UID": uid(cve + name)},
        "InstalledVersion": version,
    }
    if fixed:
        v["FixedVersion"] = fixed
    v.update({
        "Status": status,
        "Layer": {"Digest": "sha256:" + uid(layer) * 4, "DiffID": "sha256:" + layer},
        "SeveritySource": source,
        "PrimaryURL": f"https://avd.aquasec.com/nvd/{cve.lower()}",
        "DataSource": ds,
        "Title": rnd.choice(TITLES).format(p=name.split(":")[-1].split("/")[-1]),
    })
    v["Description"] = (v["Title"] + ". " + "A remote attacker could trigger the flaw with crafted input, "
                        "which may cause a crash or, in some configurations, disclose memory contents. ") * rnd.randint(1, 3)
    v["Severity"] = sev
    v["CweIDs"] = [f"CWE-{rnd.choice([20, 79, 125, 190, 200, 295, 400, 416, 476, 674, 770, 787])}"]
    v["VendorSeverity"] = {source: vendor_level, "nvd": vendor_level}
    if rng:
        score = round(rnd.uniform(*rng), 1)
        cvss = {"nvd": {"V3Vector": rnd.choice(VECTORS), "V3Score": score}}
        if rnd.random() < 0.5:
            cvss["redhat"] = {"V3Vector": rnd.choice(VECTORS), "V3Score": round(max(0.1, score - rnd.uniform(0, 1.5)), 1)}
        v["CVSS"] = cvss
    v["References"] = [f"https://nvd.nist.gov/vuln/detail/{cve}",
                       f"https://security-tracker.debian.org/tracker/{cve}",
                       f"https://www.cve.org/CVERecord?id={cve}"][: rnd.randint(1, 3)]
    v["PublishedDate"] = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T{rnd.randint(0, 23):02d}:15:20.057Z"
    v["LastModifiedDate"] = f"2025-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}T14:15:47.457Z"
    return v


os_vulns = [vuln(i, "os") for i in range(380)]
go_vulns = [vuln(i, "go") for i in range(60)]
jar_vulns = [vuln(i, "jar") for i in range(TOTAL - 440)]
report = {
    "SchemaVersion": 2,
    "CreatedAt": "2026-11-29T08:42:17.523918004+01:00",
    "ArtifactName": IMAGE,
    "ArtifactType": "container_image",
    "Metadata": {
        "Size": 412231424,
        "OS": {"Family": "debian", "Name": "12.9"},
        "ImageID": "sha256:" + hashlib.sha256(b"config").hexdigest(),
        "DiffIDs": ["sha256:" + l for l in LAYERS],
        "RepoTags": [IMAGE],
        "RepoDigests": [IMAGE.rsplit(":", 1)[0] + "@" + DIGEST],
        "ImageConfig": {"architecture": "amd64", "os": "linux",
                        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + l for l in LAYERS]},
                        "config": {"Entrypoint": ["/usr/bin/java", "-jar", "/app/payments-api.jar"], "User": "10001"}},
    },
    "Results": [
        {"Target": f"{IMAGE} (debian 12.9)", "Class": "os-pkgs", "Type": "debian", "Vulnerabilities": os_vulns},
        {"Target": "usr/local/bin/healthcheck", "Class": "lang-pkgs", "Type": "gobinary", "Vulnerabilities": go_vulns},
        {"Target": "app/payments-api.jar", "Class": "lang-pkgs", "Type": "jar", "Vulnerabilities": jar_vulns},
    ],
}
json.dump(report, sys.stdout, indent=2)
sys.stdout.write("\n")
