#!/usr/bin/env python3
"""Conformance check of an Import/Export ARM emulator against the official
Python SDK azure-mgmt-storageimportexport 0.1.0 (api-version 2016-11-01, msrest).

Usage: conformance.py [--trace] URL      e.g. conformance.py http://127.0.0.1:8080

Every step prints one line, "ok: <what>" or "FAIL: <what>: <why>", and the
run closes with "sdk conformance: N passed, M failed".  Exit code 0 only if
every step passed, 1 if any failed, 2 on bad usage.  --trace (or
IEJOBS_SDK_TRACE=1) prints every HTTP exchange to stderr.

The steps change the emulator's state (one cancel, one delete), so a fresh
emulator is expected; a second run against the same one still works as long
as it has jobs left in the needed states.

Notes on the 0.1.0 SDK, read from its source:
* jobs.get/update/delete and bit_locker_keys.list take (job_name,
  resource_group_name) in that order, so this script passes them by keyword.
* jobs.update takes a models.UpdateJobParameters body, serialised flattened to
  {"properties": {"cancelRequested": true}}.
* Every non-200 answer (also 201/202/204 for delete) raises
  models.ErrorResponseException (a msrest HttpOperationError): .response is
  the requests.Response, .error the ErrorResponse model with the flattened
  "error.code"/"error.message" as .code/.message.
* nextLink is requested verbatim: no api-version or $top is added to it.
"""

import json
import os
import re
import sys
import traceback
from urllib.parse import parse_qs, urlparse

from msrest.authentication import Authentication, BasicTokenAuthentication
from msrest.exceptions import ClientRequestError

from azure.mgmt.storageimportexport import StorageImportExport
from azure.mgmt.storageimportexport.models import (
    ErrorResponseException,
    UpdateJobParameters,
)

SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000001"
TOKEN = "conformance-token"
JOB_TYPE = "Microsoft.ImportExport/jobs"
PAGE_SIZE = 5
REFUSED_DELETE_STATES = ("Transferring", "Received", "Shipping", "Packaging")
DELETABLE_STATES = ("Completed", "Creating")
RG_RE = re.compile(r"/resourceGroups/([^/]+)/", re.IGNORECASE)


class StepFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise StepFailed(msg)


class Recorder:
    """requests response hook (msrest config.hooks): keeps every exchange."""

    def __init__(self, trace):
        self.trace = trace
        self.exchanges = []

    def __call__(self, response, *args, **kwargs):
        req = response.request
        body = req.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        self.exchanges.append(
            {
                "method": req.method,
                "url": req.url,
                "headers": dict(req.headers),
                "body": body,
                "status": response.status_code,
                "response_text": response.text,
            }
        )
        if self.trace:
            shown = {k: v for k, v in req.headers.items()
                     if k.lower() not in ("user-agent",)}
            print("  >> {} {}".format(req.method, req.url), file=sys.stderr)
            print("     headers: {}".format(shown), file=sys.stderr)
            if body:
                print("     body: {}".format(body), file=sys.stderr)
            text = response.text
            if len(text) > 300:
                text = text[:300] + "..."
            print("  << {} {}".format(response.status_code, text), file=sys.stderr)
        return response

    def mark(self):
        return len(self.exchanges)

    def since(self, mark):
        return self.exchanges[mark:]


def make_client(url, credentials, recorder):
    client = StorageImportExport(credentials, SUBSCRIPTION_ID, base_url=url)
    cfg = client.config
    # Fail fast and visibly: msrest would otherwise retry 408/5xx answers and
    # connection errors with back-off and end in an opaque RetryError.
    cfg.retry_policy.retries = 0
    cfg.connection.timeout = 30
    # Only ever talk to the given URL, never to a proxy from the environment.
    cfg.proxies.use_env_settings = False
    if recorder is not None:
        cfg.hooks.append(recorder)
    return client


def http_error(exc):
    """(status, code, message) of an SDK error exception."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    err = getattr(exc, "error", None)
    code = getattr(err, "code", None)
    message = getattr(err, "message", None)
    return status, code, message


def rg_of(job):
    m = RG_RE.search(job.id or "")
    check(m, "cannot parse the resource group from job id {!r}".format(job.id))
    return m.group(1)


def state_of(job):
    return job.properties.state if job.properties is not None else None


def cancel_requested_of(job):
    return bool(job.properties.cancel_requested) if job.properties is not None else False


class Conformance:
    def __init__(self, url, trace):
        self.url = url.rstrip("/")
        self.rec = Recorder(trace)
        creds = BasicTokenAuthentication({"access_token": TOKEN})
        self.client = make_client(self.url, creds, self.rec)
        self.jobs = []          # from step a
        self.used = set()       # names already cancelled/deleted by a step
        self.passed = 0
        self.failed = 0

    # --- runner ---------------------------------------------------------
    def run(self, what, fn):
        try:
            detail = fn()
        except StepFailed as e:
            self.failed += 1
            print("FAIL: {}: {}".format(what, e))
        except ErrorResponseException as e:
            self.failed += 1
            status, code, message = http_error(e)
            req = getattr(getattr(e, "response", None), "request", None)
            print("FAIL: {}: unexpected HTTP {} for {} {}: code={!r} message={!r}".format(
                what, status, getattr(req, "method", "?"), getattr(req, "url", "?"), code, message))
        except ClientRequestError as e:
            self.failed += 1
            print("FAIL: {}: request failed: {}".format(what, e))
        except Exception as e:  # noqa: BLE001 - report anything, keep going
            self.failed += 1
            print("FAIL: {}: {}: {}".format(what, type(e).__name__, e))
            traceback.print_exc(file=sys.stderr)
        else:
            self.passed += 1
            print("ok: {}{}".format(what, " ({})".format(detail) if detail else ""))
        sys.stdout.flush()

    def need_jobs(self):
        check(self.jobs, "no jobs were listed in step a, nothing to test with")

    def pick(self, pred, what):
        self.need_jobs()
        for job in self.jobs:
            if job.name not in self.used and pred(job):
                return job
        raise StepFailed("the emulator lists no job that is {} (states seen: {})".format(
            what, sorted({str(state_of(j)) for j in self.jobs})))

    # --- steps ----------------------------------------------------------
    def step_auth_header(self):
        """Not a step of its own in the SDK, but the emulator needs it."""
        mark = self.rec.mark()
        list(self.client.locations.list())
        ex = self.rec.since(mark)
        check(ex, "no HTTP request was recorded")
        auth = ex[0]["headers"].get("Authorization")
        check(auth == "Bearer " + TOKEN,
              "SDK sent Authorization {!r}, expected 'Bearer {}'".format(auth, TOKEN))
        return "Authorization: Bearer {}".format(TOKEN)

    def step_unauthenticated(self):
        anon = make_client(self.url, Authentication(), None)
        try:
            list(anon.jobs.list_by_subscription(top=PAGE_SIZE))
        except ErrorResponseException as e:
            status, code, _ = http_error(e)
            check(status == 401, "expected HTTP 401 without a token, got {} ({})".format(status, code))
            return "HTTP 401 code={}".format(code)
        raise StepFailed("listing jobs without an Authorization header succeeded; expected 401")

    def step_list_by_subscription(self):
        mark = self.rec.mark()
        jobs = list(self.client.jobs.list_by_subscription(top=PAGE_SIZE))
        pages = [x for x in self.rec.since(mark) if x["method"] == "GET"]
        check(pages, "no HTTP request was recorded")
        first = urlparse(pages[0]["url"])
        q = parse_qs(first.query)
        check(q.get("api-version") == ["2016-11-01"] and q.get("$top") == [str(PAGE_SIZE)],
              "first page request had an unexpected query: {}".format(first.query))
        for i, p in enumerate(pages):
            check(p["status"] == 200, "page {} answered HTTP {}".format(i + 1, p["status"]))
            try:
                value = json.loads(p["response_text"]).get("value")
            except ValueError:
                raise StepFailed("page {} is not JSON".format(i + 1))
            check(isinstance(value, list), "page {} has no 'value' array".format(i + 1))
            check(len(value) <= PAGE_SIZE,
                  "page {} has {} jobs, more than $top={}".format(i + 1, len(value), PAGE_SIZE))
            if i > 0:
                nq = parse_qs(urlparse(p["url"]).query)
                check("api-version" in nq,
                      "nextLink {} carries no api-version (the SDK adds none)".format(p["url"]))
        check(len(pages) >= 3,
              "only {} page request(s): the SDK followed nextLink {} time(s), expected >= 2".format(
                  len(pages), len(pages) - 1))
        check(len(jobs) > 2 * PAGE_SIZE,
              "only {} jobs in total with $top={}, expected more than {}".format(
                  len(jobs), PAGE_SIZE, 2 * PAGE_SIZE))
        ids = [j.id for j in jobs]
        check(len(set(ids)) == len(ids),
              "paging returned duplicate jobs: {}".format(
                  sorted({i for i in ids if ids.count(i) > 1})))
        for j in jobs:
            check(j.name, "a job without name: id={!r}".format(j.id))
            check(j.id, "job {!r} has no id".format(j.name))
            check(j.type == JOB_TYPE, "job {!r} has type {!r}".format(j.name, j.type))
            check(j.properties is not None, "job {!r} has no properties".format(j.name))
            check(isinstance(j.properties.state, str) and j.properties.state,
                  "job {!r} has state {!r}".format(j.name, j.properties.state))
            check(j.id.lower().startswith("/subscriptions/{}/resourcegroups/".format(SUBSCRIPTION_ID)),
                  "job {!r} has id {!r} outside subscription {}".format(j.name, j.id, SUBSCRIPTION_ID))
            check(j.id.endswith("/providers/Microsoft.ImportExport/jobs/" + j.name),
                  "job id {!r} does not end with its name {!r}".format(j.id, j.name))
        self.jobs = jobs
        return "{} jobs in {} pages".format(len(jobs), len(pages))

    def step_list_by_resource_group(self):
        self.need_jobs()
        rg = rg_of(self.jobs[0])
        jobs = list(self.client.jobs.list_by_resource_group(rg))
        check(jobs, "resource group {!r} lists no jobs".format(rg))
        for j in jobs:
            check(rg_of(j).lower() == rg.lower(),
                  "job {!r} of resource group {!r} has id {!r}".format(j.name, rg, j.id))
        expected = {j.id for j in self.jobs if rg_of(j).lower() == rg.lower()}
        got = {j.id for j in jobs}
        check(got == expected,
              "resource group {!r}: listed {} jobs, the subscription list had {} there; "
              "missing {} extra {}".format(rg, len(got), len(expected),
                                           sorted(expected - got), sorted(got - expected)))
        return "{} jobs in {}".format(len(jobs), rg)

    def step_get(self):
        self.need_jobs()
        listed = self.jobs[0]
        rg = rg_of(listed)
        job = self.client.jobs.get(job_name=listed.name, resource_group_name=rg)
        check(job.name == listed.name, "get returned name {!r}, listed {!r}".format(job.name, listed.name))
        check(job.id == listed.id, "get returned id {!r}, listed {!r}".format(job.id, listed.id))
        check(job.type == JOB_TYPE, "get returned type {!r}".format(job.type))
        check(state_of(job) == state_of(listed),
              "get returned state {!r}, listed {!r}".format(state_of(job), state_of(listed)))
        return "{}/{} state={}".format(rg, job.name, state_of(job))

    def step_cancel(self):
        job = self.pick(lambda j: state_of(j) == "Transferring" and not cancel_requested_of(j),
                        "Transferring with cancelRequested false")
        self.used.add(job.name)
        rg = rg_of(job)
        mark = self.rec.mark()
        updated = self.client.jobs.update(
            job_name=job.name, resource_group_name=rg,
            body=UpdateJobParameters(cancel_requested=True))
        sent = self.rec.since(mark)
        check(sent and sent[0]["method"] == "PATCH", "no PATCH request was recorded")
        check(json.loads(sent[0]["body"]) == {"properties": {"cancelRequested": True}},
              "unexpected PATCH body {}".format(sent[0]["body"]))
        check(updated is not None and updated.name == job.name,
              "PATCH answered job {!r}".format(getattr(updated, "name", None)))
        check(cancel_requested_of(updated) is True,
              "PATCH answered cancelRequested={!r}".format(updated.properties.cancel_requested))
        check(state_of(updated) == "Transferring",
              "PATCH answered state {!r}, a cancel must not change the state".format(state_of(updated)))
        again = self.client.jobs.get(job_name=job.name, resource_group_name=rg)
        check(cancel_requested_of(again) is True and state_of(again) == "Transferring",
              "GET after cancel: cancelRequested={!r} state={!r}".format(
                  again.properties.cancel_requested, state_of(again)))
        return "{}/{} cancelRequested=true state=Transferring".format(rg, job.name)

    def step_refused_delete(self):
        job = self.pick(lambda j: state_of(j) in REFUSED_DELETE_STATES,
                        "in one of " + "/".join(REFUSED_DELETE_STATES))
        rg = rg_of(job)
        try:
            self.client.jobs.delete(job_name=job.name, resource_group_name=rg)
        except ErrorResponseException as e:
            status, code, message = http_error(e)
            print("  refused delete of {} ({}): HTTP {} code={!r} message={!r}".format(
                job.name, state_of(job), status, code, message))
            check(status == 409, "expected HTTP 409, got {}".format(status))
            check(code and message, "the 409 has no ErrorResponse error.code/error.message: {!r}".format(
                e.response.text))
        else:
            self.used.add(job.name)
            raise StepFailed("deleting {} in state {} succeeded; it must be refused".format(
                job.name, state_of(job)))
        still = self.client.jobs.get(job_name=job.name, resource_group_name=rg)
        check(state_of(still) == state_of(job),
              "after the refused delete the job is in state {!r}, was {!r}".format(
                  state_of(still), state_of(job)))
        return "{}/{} in {}: HTTP 409 {}".format(rg, job.name, state_of(job), code)

    def step_delete(self):
        self.need_jobs()
        job = None
        for wanted in DELETABLE_STATES:
            try:
                job = self.pick(lambda j, w=wanted: state_of(j) == w, wanted)
                break
            except StepFailed:
                continue
        check(job is not None, "the emulator lists no job in state {}".format(
            " or ".join(DELETABLE_STATES)))
        self.used.add(job.name)
        rg = rg_of(job)
        mark = self.rec.mark()
        result = self.client.jobs.delete(job_name=job.name, resource_group_name=rg)
        check(result is None, "delete returned {!r}".format(result))
        sent = self.rec.since(mark)
        check(sent and sent[0]["status"] == 200,
              "DELETE answered HTTP {}".format(sent[0]["status"] if sent else None))
        try:
            self.client.jobs.get(job_name=job.name, resource_group_name=rg)
        except ErrorResponseException as e:
            status, code, message = http_error(e)
            check(status == 404, "GET of the deleted job answered HTTP {} ({})".format(status, code))
            check(code == "ResourceNotFound",
                  "GET of the deleted job: code {!r}, expected 'ResourceNotFound'".format(code))
        else:
            raise StepFailed("GET of the deleted job {} still succeeds".format(job.name))
        left = {j.name for j in self.client.jobs.list_by_resource_group(rg)}
        check(job.name not in left, "the deleted job {} is still listed in {}".format(job.name, rg))
        return "{}/{} ({}) deleted; GET then 404 ResourceNotFound".format(rg, job.name, state_of(job))

    def step_bitlocker_keys(self):
        def import_with_drives(j):
            p = j.properties
            return p is not None and (p.job_type or "").lower() == "import" and bool(p.drive_list)

        self.need_jobs()
        try:
            job = self.pick(import_with_drives, "an Import job with drives in its listing")
        except StepFailed:
            # Lists may omit driveList: fall back to GET each import job.
            job = None
            for j in self.jobs:
                p = j.properties
                if j.name in self.used or p is None or (p.job_type or "").lower() != "import":
                    continue
                full = self.client.jobs.get(job_name=j.name, resource_group_name=rg_of(j))
                if full.properties is not None and full.properties.drive_list:
                    job = full
                    break
            check(job is not None, "the emulator has no Import job with drives")
        rg = rg_of(job)
        keys = list(self.client.bit_locker_keys.list(job_name=job.name, resource_group_name=rg))
        check(keys, "listBitLockerKeys of {} returned no keys".format(job.name))
        for k in keys:
            check(k.drive_id and k.bit_locker_key,
                  "a key item without driveId/bitLockerKey: {!r}".format(k.as_dict()))
        drives = {d.drive_id for d in job.properties.drive_list}
        got = {k.drive_id for k in keys}
        check(got == drives, "keys for drives {} but the job has drives {}".format(
            sorted(got), sorted(drives)))
        return "{}/{}: {} key(s)".format(rg, job.name, len(keys))

    def step_locations(self):
        locs = list(self.client.locations.list())
        check(locs, "locations.list() is empty")
        for loc in locs:
            check(loc.name and loc.id, "a location without name/id: {!r}".format(loc.as_dict()))
        first = locs[0]
        got = self.client.locations.get(first.name)
        check(got.id == first.id, "locations.get({!r}) returned id {!r}, listed {!r}".format(
            first.name, got.id, first.id))
        return "{} locations; get({!r}) -> {}".format(len(locs), first.name, got.id)

    def reachable(self):
        """One plain request first, so an emulator that is not running gives
        one clear line instead of ten failures."""
        try:
            list(self.client.locations.list())
        except ClientRequestError as e:
            print("FAIL: emulator reachable at {}: {}".format(self.url, e))
            return False
        except ErrorResponseException:
            pass  # it answers; the steps will tell what is wrong
        return True

    def main(self):
        if not self.reachable():
            print("sdk conformance: 0 passed, 1 failed")
            return 1
        steps = [
            ("Authorization: Bearer header sent", self.step_auth_header),
            ("request without a token refused", self.step_unauthenticated),
            ("jobs.list_by_subscription(top={}) follows nextLink".format(PAGE_SIZE),
             self.step_list_by_subscription),
            ("jobs.list_by_resource_group", self.step_list_by_resource_group),
            ("jobs.get", self.step_get),
            ("jobs.update cancel_requested=True", self.step_cancel),
            ("jobs.delete refused with 409", self.step_refused_delete),
            ("jobs.delete then get is 404", self.step_delete),
            ("bit_locker_keys.list", self.step_bitlocker_keys),
            ("locations.list and locations.get", self.step_locations),
        ]
        for what, fn in steps:
            self.run(what, fn)
        print("sdk conformance: {} passed, {} failed".format(self.passed, self.failed))
        return 0 if self.failed == 0 else 1


def main(argv):
    args = [a for a in argv if a != "--trace"]
    trace = "--trace" in argv or os.environ.get("IEJOBS_SDK_TRACE") == "1"
    if len(args) != 1 or not urlparse(args[0]).scheme.startswith("http") or not urlparse(args[0]).netloc:
        print("usage: conformance.py [--trace] URL   (e.g. http://127.0.0.1:8080)", file=sys.stderr)
        return 2
    return Conformance(args[0], trace).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
