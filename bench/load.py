"""Load for bench/load.sh: signed-in users browsing and a steady stream of submits (python3 stdlib only).

Setup, as people do it: the admin makes each account on "Accounts" (/admin/users.xhtml), whose owner signs in with
the temporary password, chooses their own (/account/password.xhtml) and makes an API token
(/account/tokens.xhtml). Then for the given minutes every user browses in a loop, a think time between clicks:
the gallery page, a page of one of their tasks, the create page (session cookie), the JSON list (their token);
submits (multipart, first frame PNG) are spread evenly over each minute, each by one of the users in turn. Every
minute the studio's heap is read after a full GC (jcmd GC.run, jstat). At the end it waits (bounded) for the
submitted tasks to finish and prints the figures.

Usage: python3 bench/load.py BASE ADMIN PASSWORD PID FRAME_PNG MINUTES USERS SUBMITS_PER_MINUTE
"""
import http.cookiejar
import json
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

TIMEOUT = 30  # seconds; a request slower than this counts as an error ("timeout")
THINK = (1.0, 4.0)  # seconds between a user's clicks, uniform
VIEW_STATE = re.compile(r'name="jakarta\.faces\.ViewState"[^>]*?value="([^"]+)"')


class Session:
    """A browser-like client: its own cookie jar, redirects followed."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path, data=None, headers=None, method=None):
        """Returns (status, final URL, body); HTTP errors are answers too."""
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with self.opener.open(req, timeout=TIMEOUT) as resp:
                return resp.status, resp.geturl(), resp.read()
        except urllib.error.HTTPError as e:
            body = e.read()
            e.close()
            return e.code, e.geturl(), body

    def form(self, page, form_id, fields, button):
        """Opens the page, posts one of its forms with its ViewState, as a browser does."""
        status, _, body = self.request(page)
        match = VIEW_STATE.search(body.decode())
        if status != 200 or not match:
            raise RuntimeError(f"no form at {page}: {status}")
        data = {form_id: form_id, **fields, button: "x", "jakarta.faces.ViewState": match.group(1)}
        return self.request(page, urllib.parse.urlencode(data).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})


def sign_in(base, user, password):
    s = Session(base)
    status, url, body = s.form("/login.xhtml", "login", {"login:username": user, "login:password": password},
                               "login:signIn")
    if status != 200 or url.endswith("/login.xhtml"):
        raise RuntimeError(f"sign-in of {user} failed: {status} at {url}")
    return s, url


def make_user(admin, base, name):
    """Account made by the admin; its owner signs in, sets a password, makes a token. Returns (session, token)."""
    _, _, body = admin.form("/admin/users.xhtml", "newUser", {"newUser:username": name}, "newUser:create")
    temp = re.search(r'id="issuedPassword"[^>]*>([^<]+)<', body.decode())
    if not temp:
        raise RuntimeError(f"no temporary password shown for {name}")
    own = "bench-" + uuid.uuid4().hex
    s, landed = sign_in(base, name, temp.group(1).strip())
    if "/account/password.xhtml" in landed:
        s.form("/account/password.xhtml", "password", {"password:current": temp.group(1).strip(),
               "password:newPassword": own, "password:repeat": own}, "password:change")
    _, url, _ = s.request("/gallery.xhtml")
    if "/login.xhtml" in url or "/account/password.xhtml" in url:
        s, _ = sign_in(base, name, own)  # the change ended the session: sign in again with the new password
    _, _, body = s.form("/account/tokens.xhtml", "tokens", {"tokens:label": "load bench"}, "tokens:create")
    token = re.search(r'id="newToken"[^>]*>(wan_[A-Za-z0-9_-]+)<', body.decode())
    if not token:
        raise RuntimeError(f"no token shown for {name}")
    return s, token.group(1)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = {}  # kind -> [seconds]
        self.errors = {}  # (kind, reason) -> count
        self.minute_requests = {}  # minute -> count
        self.minute_errors = {}
        self.shown = {}  # (kind, status) -> examples printed

    def record(self, kind, seconds, error, minute):
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            self.minute_requests[minute] = self.minute_requests.get(minute, 0) + 1
            if error:
                self.errors[(kind, error)] = self.errors.get((kind, error), 0) + 1
                self.minute_errors[minute] = self.minute_errors.get(minute, 0) + 1


def timed(stats, started, kind, call, check=None):
    """Runs one request; an answer outside 2xx/3xx, a timeout, a failed connection or a failed check is an error."""
    t0 = time.monotonic()
    error = None
    result = None
    try:
        status, url, body = call()
        result = (status, url, body)
        if not 200 <= status < 400:
            error = f"HTTP {status}"
            with stats.lock:
                shown = stats.shown.get((kind, status), 0)
                stats.shown[(kind, status)] = shown + 1
            if shown < 3:  # a few examples of each, for finding out why
                print(f"  {kind}: HTTP {status} at {url}: {body[:120]!r}", file=sys.stderr, flush=True)
        elif check:
            error = check(status, url, body)
    except (TimeoutError, OSError) as e:  # socket.timeout is a TimeoutError; URLError is an OSError
        error = "timeout" if "timed out" in str(e) else type(e).__name__
    stats.record(kind, time.monotonic() - t0, error, int((time.monotonic() - started) // 60))
    return result if error is None else None


def page_check(status, url, body):
    return "signed out" if "/login.xhtml" in url else None


def browse(user, stats, started, end):
    session, token, task_ids = user["session"], user["token"], user["tasks"]
    auth = {"Authorization": "Bearer " + token, "Accept": "application/json"}
    rnd = random.Random()
    time.sleep(rnd.uniform(0, THINK[1]))  # users do not start in step
    while time.monotonic() < end:
        kind = rnd.choice(["gallery", "task page", "create page", "json list"])
        if kind == "task page" and not task_ids:
            kind = "gallery"
        if kind == "gallery":
            timed(stats, started, kind, lambda: session.request("/gallery.xhtml"), page_check)
        elif kind == "create page":
            timed(stats, started, kind, lambda: session.request("/"), page_check)
        elif kind == "task page":
            tid = rnd.choice(task_ids)
            timed(stats, started, kind, lambda: session.request(f"/task.xhtml?id={tid}"), page_check)
        else:
            got = timed(stats, started, kind, lambda: session.request("/api/v1/tasks?limit=48", headers=auth))
            if got:
                items = json.loads(got[2])
                if isinstance(items, dict):  # a page object: its list of tasks
                    items = next((v for v in items.values() if isinstance(v, list)), [])
                task_ids[:] = [t["id"] for t in items if isinstance(t, dict) and "id" in t][:48]
        time.sleep(rnd.uniform(*THINK))


def multipart(fields, file_field, file_name, file_bytes, content_type):
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").encode()
    out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode() + file_bytes + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), "multipart/form-data; boundary=" + boundary


def submitter(users, stats, started, minutes, per_minute, frame, submitted):
    """Submits at even intervals; each submit in a thread of its own, so that a slow one does not delay the next."""
    interval = 60.0 / per_minute
    threads = []
    for k in range(minutes * per_minute):
        delay = started + k * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        user = users[k % len(users)]

        def one(user=user, k=k):
            body, ctype = multipart({"prompt": f"load bench {k}: lanterns over the harbour at night",
                                     "durationSeconds": "2", "resolution": "720P"}, "firstFrame", "frame.png",
                                    frame, "image/png")
            got = timed(stats, started, "submit", lambda: user["session"].request(
                "/api/v1/tasks", body, {"Authorization": "Bearer " + user["token"], "Content-Type": ctype,
                                        "Accept": "application/json"}))
            if got:
                tid = json.loads(got[2])["id"]
                with stats.lock:
                    submitted.append((user, tid))
                user["tasks"].append(tid)

        t = threading.Thread(target=one)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


def heap_after_gc(pid):
    """MiB used after a full GC, and before it."""
    def used():
        out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True, timeout=60).stdout.split("\n")
        cols = dict(zip(out[0].split(), map(float, out[1].split())))
        return (cols["S0U"] + cols["S1U"] + cols["EU"] + cols["OU"]) / 1024
    before = used()
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=120)
    return used(), before


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main():
    base, admin_user, admin_password, pid, frame_png = sys.argv[1:6]
    minutes, users_n, per_minute = map(int, sys.argv[6:9])
    frame = open(frame_png, "rb").read()
    t0 = time.monotonic()
    admin, _ = sign_in(base, admin_user, admin_password)
    users = []
    for i in range(users_n):
        session, token = make_user(admin, base, f"load{i + 1:02d}")
        users.append({"name": f"load{i + 1:02d}", "session": session, "token": token, "tasks": []})
    print(f"setup: {users_n} accounts made, signed in, with tokens, in {time.monotonic() - t0:.0f} s", flush=True)

    stats = Stats()
    submitted = []
    heap = [heap_after_gc(pid)]
    print(f"heap at the start: {heap[0][0]:.0f} MiB used after a full GC", flush=True)
    started = time.monotonic()
    end = started + minutes * 60
    threads = [threading.Thread(target=browse, args=(u, stats, started, end), daemon=True) for u in users]
    threads.append(threading.Thread(target=submitter, args=(users, stats, started, minutes, per_minute, frame,
                                                            submitted), daemon=True))
    for t in threads:
        t.start()
    for m in range(1, minutes + 1):
        time.sleep(max(0, started + m * 60 - time.monotonic()))
        heap.append(heap_after_gc(pid))
        with stats.lock:
            req, err = stats.minute_requests.get(m - 1, 0), stats.minute_errors.get(m - 1, 0)
        print(f"minute {m}: {req} requests, {err} errors; heap {heap[-1][1]:.0f} MiB used, "
              f"{heap[-1][0]:.0f} MiB after a full GC", flush=True)
    for t in threads:
        t.join(timeout=TIMEOUT + 5)

    # the last tasks still run: wait for them (bounded), then count their final states
    finals = {}
    deadline = time.monotonic() + 180
    pending = list(submitted)
    while pending and time.monotonic() < deadline:
        still = []
        for user, tid in pending:
            s, _, body = user["session"].request(f"/api/v1/tasks/{tid}", headers={
                "Authorization": "Bearer " + user["token"], "Accept": "application/json"})
            state = json.loads(body).get("state") if s == 200 else f"HTTP {s}"
            if state in ("COMPLETED", "FAILED", "NEEDS_REVIEW"):
                finals[state] = finals.get(state, 0) + 1
            else:
                still.append((user, tid))
        pending = still
        if pending:
            time.sleep(2)
    if pending:
        finals["not final after 3 min"] = len(pending)

    total = sum(len(v) for v in stats.times.values())
    errors = sum(stats.errors.values())
    print(f"\nrequests: {total} in {minutes} min ({total / minutes / 60:.1f}/s), errors: {errors}")
    print(f"{'kind':<12} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for kind in ["gallery", "task page", "create page", "json list", "submit"]:
        v = stats.times.get(kind, [])
        e = sum(n for (k, _), n in stats.errors.items() if k == kind)
        print(f"{kind:<12} {len(v):>8} {e:>6} {percentile(v, 50) * 1000:>7.0f} {percentile(v, 95) * 1000:>7.0f} "
              f"{(max(v) if v else float('nan')) * 1000:>7.0f}")
    for (kind, reason), n in sorted(stats.errors.items()):
        print(f"  error: {kind}: {reason} x{n}")
    print(f"tasks: submitted {len(submitted)} of {minutes * per_minute}; final: "
          + ", ".join(f"{k} {v}" for k, v in sorted(finals.items())))
    print("heap after a full GC by minute (MiB): " + " ".join(f"{h[0]:.0f}" for h in heap))


if __name__ == "__main__":
    main()
