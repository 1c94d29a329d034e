import re
import time
import pytest
from playwright.sync_api import expect
from tests.conftest import DECLINE_ANSWERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_probe(page, journey):
    page.on("requestfinished", lambda r: print(r.url[-50:], r.timing["responseEnd"]-r.timing["requestStart"] if r.timing["responseEnd"]>0 else None))
    journey.start(page)
    page.emulate_media(color_scheme="dark")
    t=time.time()
    page.wait_for_function("document.documentElement.dataset.bsTheme === 'dark'")
    print("theme", time.time()-t)
    for i in range(3):
        t = time.time()
        q = journey.question_id(page)
        page.locator(f"input[name=answer][value={DECLINE_ANSWERS[q]}]").check()
        print("check", time.time()-t)
        journey.submit(page)
        print("submit", time.time()-t)
