"""A stand-in binding for the runner's own tests: speaks the JSON-lines protocol from a script.

Usage: ``python fake_adapter.py SCRIPT.json``. SCRIPT maps a request id to what to do:

- a response object (without ``id``): sent back with the request's id; every ``$CWD`` inside a
  string is replaced by the working directory the adapter switched to (the case directory), so
  tests can check that the runner relativises absolute paths;
- ``"hang"``: never answer; ``"crash"``: exit without answering; ``"garbage"``: answer non-JSON;
  ``"wrong-id"``: answer for another id; ``"echo"``: answer ok with the request, cwd and environment
  as results.
An id the script does not know gets ``{"ok": true, "results": {}}``.
"""

from __future__ import annotations

import json
import os
import sys
import time


def substitute(value, cwd):
    if isinstance(value, str):
        return value.replace("$CWD", cwd)
    if isinstance(value, list):
        return [substitute(v, cwd) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, cwd) for k, v in value.items()}
    return value


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as handle:
        script = json.load(handle)
    for line in sys.stdin:
        request = json.loads(line)
        case_id = request["id"]
        saved_cwd, saved_env = os.getcwd(), dict(os.environ)
        os.chdir(request["dir"])
        os.environ.clear()
        os.environ.update(request["env"])
        cwd = os.getcwd()
        action = script.get(case_id, {"ok": True, "results": {}})
        if action == "hang":
            time.sleep(3600)
        elif action == "crash":
            sys.exit(3)
        elif action == "garbage":
            print("this is not json", flush=True)
        elif action == "wrong-id":
            print(json.dumps({"id": "somebody-else", "ok": True, "results": {}}), flush=True)
        elif action == "echo":
            results = {"request": request, "cwd": cwd, "env": dict(os.environ)}
            print(json.dumps({"id": case_id, "ok": True, "results": results}), flush=True)
        else:
            response = {"id": case_id, **substitute(action, cwd)}
            print(json.dumps(response), flush=True)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
