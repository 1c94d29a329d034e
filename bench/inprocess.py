"""In-process CPU per request for bench targets, as multiples of /healthz."""
import os, sys, json, time, secrets, tempfile, io, cProfile, pstats
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
db = os.environ.get("PROF_DB") or f"sqlite:///{tempfile.mkdtemp()}/db.sqlite3"
os.environ.update({
    "DJANGO_SETTINGS_MODULE": "interviewdecider.settings",
    "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_HTTPS": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": db, "DJANGO_DECISIONS_PER_HOUR": "1000000000",
})
ARGS = sys.argv[1:]
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    sys.argv = ["seed"]
    import runpy
    runpy.run_path("bench/seed.py", run_name="__main__")
seed = json.loads(buf.getvalue())
from django.core.wsgi import get_wsgi_application
from django.test.client import RequestFactory
app = get_wsgi_application()
rf = RequestFactory()
owner = f"{seed['session_cookie']}={seed['owner_session']}"
visitor = f"{seed['session_cookie']}={seed['visitor_session']}"
targets = {
    "healthz": ("/healthz", None),
    "start": ("/", None),
    "verdict": (seed["verdict_paths"][0], owner),
    "verdict2": (seed["verdict_paths"][1], owner),
    "shared": (seed["shared_path"], None),
    "history": ("/decisions/", owner),
    "floor_g": (seed["visitor_resume_path"], visitor),
    "floor_h": (seed["owner_resume_path"], owner),
    "question": ("/start/", None),
}
def environ(path, cookie):
    env = rf.get(path).environ if False else rf._base_environ(PATH_INFO=path, REQUEST_METHOD="GET", QUERY_STRING="", SERVER_NAME="127.0.0.1")
    if cookie: env["HTTP_COOKIE"] = cookie
    return env
def hit(path, cookie):
    status = []
    body = app(environ(path, cookie), lambda s, h, *a: status.append(s))
    b"".join(body); 
    if hasattr(body, "close"): body.close()
    return status[0]
chosen = ARGS or list(targets)
N = int(os.environ.get("N", "300"))
res = {}
for name in ["healthz"] + [c for c in chosen if c != "healthz"]:
    path, cookie = targets[name]
    for _ in range(30): st = hit(path, cookie)
    t = time.process_time()
    for _ in range(N): hit(path, cookie)
    res[name] = (time.process_time() - t) / N * 1000
    print(f"{name:10} {st:16} {res[name]:.3f} ms  {res[name]/res['healthz']:.1f}x", flush=True)
if os.environ.get("PROFILE"):
    path, cookie = targets[os.environ["PROFILE"]]
    pr = cProfile.Profile(); pr.enable()
    for _ in range(200): hit(path, cookie)
    pr.disable()
    pstats.Stats(pr).sort_stats(os.environ.get("SORT","cumulative")).print_stats(int(os.environ.get("TOP","60")))
