"""check_sarif.py [--checks-def FILE] [--print-fingerprints] SCHEMA LOG.sarif: validates a SARIF log against the SARIF
2.1.0 JSON schema (python3-jsonschema), checks what code-scanning services
rely on, and prints a summary for FileCheck:

  rule <id> <name> help=<helpUri> page=<exists|missing>
  result <ruleId> <level> <uri>:<line>:<col> base=<uriBaseId> fp=<fingerprint> related=<n> fixes=<n>
  fix <uri> <startLine>:<startColumn>-<endLine>:<endColumn> <json of the inserted text>
  notification <level> <message>
  root <originalUriBaseIds %SRCROOT%>  success=<executionSuccessful>
  results: <n>
  fingerprint <uri> <value>                      (--print-fingerprints)
With --checks-def, every check of checks.def must have its rule, with a
summary and a helpUri to a page that exists.
"""
import argparse
import json
import os
import sys
import urllib.parse
import urllib.request

# The one reader of checks.def, in tools/ of the source tree.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "tools"))
import asyncdrop_checks_def  # noqa: E402

try:
    import jsonschema
except ImportError:
    # Debian's python3-jsonschema is for /usr/bin/python3; CMake may have
    # picked another interpreter for the tests.
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("check_sarif: python3-jsonschema is not installed (apt-get install python3-jsonschema)")


def fail(message):
    sys.exit("check_sarif: FAIL: " + message)


def is_absolute_uri(text):
    parts = urllib.parse.urlsplit(text)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme == "file"
                                   or bool(parts.path))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checks-def")
    parser.add_argument("--print-fingerprints", action="store_true")
    parser.add_argument("schema")
    parser.add_argument("log")
    args = parser.parse_args()
    schema_path, log_path = args.schema, args.log
    with open(schema_path) as f:
        schema = json.load(f)
    with open(log_path) as f:
        log = json.load(f)

    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    if errors:
        fail("%s does not validate against the SARIF 2.1.0 schema:\n%s" % (
            log_path, "\n".join("  at /%s: %s" % ("/".join(map(str, e.path)), e.message)
                                for e in errors[:20])))
    print("valid SARIF %s" % log["version"])

    # What the schema cannot say (its "uri" formats are only checked when an
    # optional package is installed): check it here.
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    if not is_absolute_uri(base) or not base.endswith("/"):
        fail("originalUriBaseIds %%SRCROOT%% must be an absolute URI ending in '/': %r" % base)
    print("root %s success=%s" % (base, run["invocations"][0]["executionSuccessful"]))

    ids = [r["id"] for r in driver["rules"]]
    if len(ids) != len(set(ids)):
        fail("duplicate rule ids: %s" % ids)
    for rule in driver["rules"]:
        help_uri = rule.get("helpUri")
        page = "none"
        if help_uri:
            if not is_absolute_uri(help_uri):
                fail("helpUri is not an absolute URI: %r" % help_uri)
            if help_uri.startswith("file://"):
                page = "exists" if os.path.isfile(urllib.request.url2pathname(
                    urllib.parse.urlsplit(help_uri).path)) else "missing"
        print("rule %s %s help=%s page=%s" % (rule["id"], rule.get("name"), help_uri, page))
        if rule["id"].startswith("asyncdrop-") and not rule.get("shortDescription", {}).get("text"):
            fail("rule %s has no shortDescription" % rule["id"])

    if args.checks_def:
        names = [c.name for c in asyncdrop_checks_def.read(args.checks_def)]
        by_id = {r["id"]: r for r in driver["rules"]}
        for name in names:
            rule = by_id.get("asyncdrop-" + name)
            if rule is None:
                fail("no rule for asyncdrop-%s of checks.def" % name)
            uri = rule.get("helpUri", "")
            if not uri.endswith("/asyncdrop-%s.md" % name):
                fail("rule asyncdrop-%s: helpUri %r is not its docs page" % (name, uri))
        print("every check of checks.def has its rule (%d)" % len(names))

    fingerprints = set()
    for result in run["results"]:
        if driver["rules"][result["ruleIndex"]]["id"] != result["ruleId"]:
            fail("ruleIndex %d is not rule %s" % (result["ruleIndex"], result["ruleId"]))
        loc = result["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        uri = art["uri"]
        if "uriBaseId" in art:
            if is_absolute_uri(uri) or uri.startswith("/"):
                fail("a uri with a uriBaseId must be relative: %r" % uri)
            if art["uriBaseId"] not in run["originalUriBaseIds"]:
                fail("uriBaseId %s is not in originalUriBaseIds" % art["uriBaseId"])
        fp = result.get("partialFingerprints", {})
        if not fp:
            fail("result without partialFingerprints: %s" % uri)
        key = tuple(sorted(fp.items()))
        if key in fingerprints:
            fail("two results with the same partialFingerprints: %s" % (key,))
        fingerprints.add(key)
        region = loc["region"]
        print("result %s %s %s:%d:%d base=%s fp=%s related=%d fixes=%d" % (
            result["ruleId"], result["level"], uri, region["startLine"],
            region["startColumn"], art.get("uriBaseId", "-"),
            "/".join(sorted(fp)), len(result.get("relatedLocations", [])),
            len(result.get("fixes", []))))
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for rep in change["replacements"]:
                    r = rep["deletedRegion"]
                    print("fix %s %d:%d-%d:%d %s" % (
                        change["artifactLocation"]["uri"], r["startLine"], r["startColumn"],
                        r["endLine"], r["endColumn"],
                        json.dumps(rep.get("insertedContent", {}).get("text", ""))))
    print("results: %d" % len(run["results"]))
    if args.print_fingerprints:
        for result in run["results"]:
            loc = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for value in result["partialFingerprints"].values():
                print("fingerprint %s %s %s" % (result["ruleId"], loc, value))
    for invocation in run.get("invocations", []):
        for note in invocation.get("toolExecutionNotifications", []):
            print("notification %s %s" % (note["level"], note["message"]["text"]))


if __name__ == "__main__":
    main()
