"""The deployment recipes: gunicorn's sync workers are only ever reached through a
proxy that buffers slow clients, and the health checks use readiness."""

import re

import yaml

from tests.servers import BASE_DIR

DEPLOY_DOC = (BASE_DIR / "docs" / "deploy.md").read_text()
NGINX = (BASE_DIR / "deploy" / "nginx.conf").read_text()


def test_the_docs_publish_the_apps_port_on_loopback_only():
    """Every `docker run -p` in the deploy doc binds 127.0.0.1, for a proxy on the
    same machine; none publishes gunicorn on every interface."""
    published = re.findall(r"docker run[^\n]*?-p (\S+)", DEPLOY_DOC)

    assert published
    assert all(port.startswith("127.0.0.1:") for port in published), published


def test_compose_publishes_only_nginx():
    """In compose, only nginx has ports; the replicas are reached through it."""
    services = yaml.safe_load((BASE_DIR / "compose.yaml").read_text())["services"]

    assert [name for name, service in services.items() if "ports" in service] == [
        "nginx"
    ]


def test_nginx_buffers_requests_and_replies():
    """nginx reads each request whole, and takes each reply whole, before a worker
    is involved, and gives up on a stalled client within seconds."""
    assert "proxy_request_buffering on;" in NGINX
    assert "proxy_buffering on;" in NGINX
    assert re.search(r"client_header_timeout \d+s;", NGINX)
    assert re.search(r"client_body_timeout \d+s;", NGINX)


def test_the_image_checks_readiness():
    """Docker's HEALTHCHECK asks /readyz, so a replica without a working database
    is unhealthy."""
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    [check] = re.findall(r"^HEALTHCHECK .*\n.*$", dockerfile, re.MULTILINE)

    assert "/readyz" in check


def test_nginx_passes_the_health_checks_unthrottled():
    """Both checks have their own location, outside the rate limits."""
    for path in ("/healthz", "/readyz"):
        location = re.search(rf"location = {path} \{{(.*?)\}}", NGINX, re.S)[1]
        assert "limit_req" not in location
        assert "proxy_pass" in location
