#!/usr/bin/python3
"""The staff console driven in a real browser (Debian's Chromium through Selenium).

Makes a demo in a temporary folder with the built `liftcode`, serves it on a free loopback port,
and walks each role's screens as a person would: sign-in, lock-out, CSRF, a property manager's
red overdue elevator and complaint, the maintenance unit acknowledging, assigning and resolving
it (the reporter's ticket page showing each step), a regulator's filtered records exported to
xlsx and read back with openpyxl, a rescue accepted, proven by the label, released and closed and
then found in the regulator's history, and the monthly bulletin. Screenshots of every screen at 390 px and 1280 px go to
SCREENSHOTS (default: .build/screenshots) to be looked at.

Usage: console_test.py PATH/TO/liftcode
Prints one line per check and ends with "N passed, N failed"; exits 1 if any failed.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREENSHOTS = os.environ.get("SCREENSHOTS", os.path.join(PROJECT, ".build", "screenshots"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=30, what="condition"):
    """Polls until condition() is truthy; fails after `seconds` (a loaded machine gets time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class World:
    """A demo database, its server and a browser."""

    def __init__(self, liftcode):
        self.folder = tempfile.mkdtemp(prefix="liftcode-browser-")
        shutil.copytree(os.path.join(PROJECT, "Labels"), os.path.join(self.folder, "Labels"))
        shutil.copytree(os.path.join(PROJECT, "Samples"), os.path.join(self.folder, "Samples"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        demo = subprocess.run(
            [liftcode, "demo", "--no-serve", "--port", str(self.port)], cwd=self.folder, capture_output=True, text=True, timeout=600)
        if demo.returncode != 0:
            raise RuntimeError("liftcode demo failed: " + demo.stderr)
        self.demo_output = demo.stdout
        self.passwords = dict(re.findall(r"login (\S+)\s+password (\S+)", demo.stdout))
        self.pages = dict(re.findall(r"^\s+(current|overdue|stopped|classified|revoked|counterfeit):\s+(\S+)", demo.stdout, re.M))
        self.server = subprocess.Popen(
            [liftcode, "serve", "--database", "demo/liftcode.sqlite", "--keys", "demo/Keys", "--port", str(self.port),
             "--base-url", self.base],
            cwd=self.folder, stdout=open(os.path.join(self.folder, "serve.log"), "w"), stderr=subprocess.STDOUT)
        wait_for(self.healthy, what="the server to answer")
        self.downloads = os.path.join(self.folder, "downloads")
        os.makedirs(self.downloads)
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--window-size=1280,900", "--lang=zh-CN"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"download.default_directory": self.downloads, "download.prompt_for_download": False, "intl.accept_languages": "zh-CN,zh"})
        self.browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.browser.set_page_load_timeout(60)
        os.makedirs(SCREENSHOTS, exist_ok=True)

    def healthy(self):
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def close(self):
        try:
            self.browser.quit()
        finally:
            self.server.terminate()
            self.server.wait(timeout=30)
            shutil.rmtree(self.folder, ignore_errors=True)

    # Browser helpers

    def open(self, path):
        self.browser.get(self.base + path)

    def click(self, element):
        """Clicks something that loads a page, and waits until the new page is there: the old
        page carries a marker the new one does not (no element reference is kept across the load,
        which Chrome may report in several ways while it swaps documents)."""
        self.browser.execute_script("window.__liftcodeOldPage = true")
        element.click()

        def loaded(driver):
            try:
                return driver.execute_script("return !window.__liftcodeOldPage && document.readyState === 'complete'")
            except WebDriverException:
                return False

        WebDriverWait(self.browser, 30).until(loaded)

    def text(self):
        return self.browser.find_element(By.TAG_NAME, "body").text

    def shoot(self, name):
        """Screenshots of the current page at 390 px and 1280 px wide, whole page tall."""
        for width in (390, 1280):
            self.browser.set_window_size(width, 900)
            height = self.browser.execute_script("return document.documentElement.scrollHeight")
            target = min(max(height, 600), 6000)
            self.browser.set_window_size(width, target)
            # The window's size includes the browser's own bars: grow it until the page fits.
            shown = self.browser.execute_script("return window.innerHeight")
            if shown < target:
                self.browser.set_window_size(width, target + target - shown)
            self.browser.save_screenshot(os.path.join(SCREENSHOTS, f"{name}-{width}.png"))
        self.browser.set_window_size(1280, 900)

    def sign_in(self, login, password=None):
        self.browser.delete_all_cookies()
        self.open("/console/")
        self.browser.find_element(By.ID, "login").send_keys(login)
        self.browser.find_element(By.ID, "password").send_keys(password if password is not None else self.passwords[login])
        self.click(self.browser.find_element(By.ID, "sign-in"))

    def sign_out(self):
        self.click(self.browser.find_element(By.CSS_SELECTOR, "form[action='/console/sign-out'] button"))


CHECKS = []


def check(function):
    CHECKS.append(function)
    return function


@check
def sign_in_page_and_wrong_password(world):
    world.open("/console/")
    assert "工作台登录" in world.text()
    world.shoot("console-sign-in")
    world.sign_in("property", "not-the-password")
    error = world.browser.find_element(By.ID, "error").text
    assert "账号或密码不正确" in error, error
    world.shoot("console-sign-in-wrong")


@check
def a_post_without_its_csrf_token_is_refused(world):
    world.sign_in("admin")
    assert "账号" in world.browser.find_element(By.TAG_NAME, "h1").text
    session = world.browser.get_cookie("liftcode_session")["value"]
    request = urllib.request.Request(
        world.base + "/console/accounts", data=b"do=revoke&id=1", method="POST",
        headers={"Cookie": "liftcode_session=" + session, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a POST without a CSRF token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403, error.code
    # Nothing changed: account 1 is still listed.
    world.open("/console/accounts")
    rows = world.browser.find_elements(By.CSS_SELECTOR, "#accounts tbody tr[data-key='1']")
    assert rows, "account 1 was revoked by a forged POST"
    world.shoot("console-admin-accounts")
    world.open("/console/keys")
    assert "K1" in world.text()
    world.shoot("console-admin-keys")
    world.sign_out()
    assert "工作台登录" in world.text()


@check
def property_manager_sees_overdue_red_and_files_a_complaint(world):
    world.sign_in("property")
    overdue = world.browser.find_elements(By.CSS_SELECTOR, "#elevators tr.overdue-row")
    assert overdue, "no overdue elevator shown red"
    color = overdue[0].find_element(By.TAG_NAME, "td").value_of_css_property("background-color")
    assert color.startswith("rgba(254, 226, 226") or color.startswith("rgb(254, 226, 226"), color
    number = overdue[0].get_attribute("data-key")
    world.shoot("console-property-elevators")
    world.click(world.browser.find_element(By.LINK_TEXT, number))
    assert number in world.browser.find_element(By.TAG_NAME, "h1").text
    world.shoot("console-property-elevator")
    world.open("/console/complaints/new")
    form = world.browser.find_element(By.ID, "file-complaint")
    form.find_element(By.CSS_SELECTOR, f"select[name='elevator'] option[value='{number}']").click()
    form.find_element(By.CSS_SELECTOR, "select[name='problem'] option[value='door']").click()
    form.find_element(By.NAME, "text").send_keys("三号梯门关不上，物业报修")
    world.shoot("console-property-file")
    world.click(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    assert "已保存" in world.text()
    world.shoot("console-property-complaints")
    ticket_link = world.browser.find_element(By.CSS_SELECTOR, "#complaints tbody tr td a[href^='/T/']")
    world.ticket_path = urllib.parse.urlparse(ticket_link.get_attribute("href")).path
    world.complaint_id = ticket_link.text
    world.sign_out()


@check
def maintainer_acknowledges_assigns_and_resolves(world):
    world.sign_in("maintainer")
    row = world.browser.find_element(By.CSS_SELECTOR, f"#complaints tr[data-key='{world.complaint_id}']")
    world.shoot("console-maintainer-inbox")
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='acknowledge']"))
    world.open(world.ticket_path)
    assert "已确认" in world.text(), world.text()
    world.open("/console/complaints")
    row = world.browser.find_element(By.CSS_SELECTOR, f"#complaints tr[data-key='{world.complaint_id}']")
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='assign']"))
    world.open("/console/complaints")
    row = world.browser.find_element(By.CSS_SELECTOR, f"#complaints tr[data-key='{world.complaint_id}']")
    row.find_element(By.CSS_SELECTOR, "input[name='resolution']").send_keys("已调整门机，恢复正常")
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='resolve']"))
    assert "已保存" in world.text()
    world.open(world.ticket_path)
    page = world.text()
    assert "已调整门机，恢复正常" in page, page
    assert "已处理" in page, page
    world.shoot("console-ticket-resolved")
    for path, name in [("/console/rescues", "console-maintainer-rescues"), ("/console/elevators", "console-maintainer-plan"), ("/console/workers", "console-maintainer-workers"),
                       ("/console/records", "console-maintainer-records")]:
        world.open(path)
        world.shoot(name)
    world.sign_out()


@check
def regulator_filters_records_and_downloads_the_xlsx(world):
    world.sign_in("regulator")
    world.open("/console/records")
    world.shoot("console-regulator-records")
    world.open("/console/records?status=passed")
    rows = world.browser.find_elements(By.CSS_SELECTOR, "#records tbody tr[data-key]")
    assert rows, "no passed records listed"
    listed = {row.get_attribute("data-key") for row in rows}
    world.browser.find_element(By.PARTIAL_LINK_TEXT, "xlsx").click()
    workbook_path = wait_for(lambda: next((os.path.join(world.downloads, f) for f in os.listdir(world.downloads) if f.endswith(".xlsx")), None),
                             what="the xlsx download")
    import openpyxl
    sheet = openpyxl.load_workbook(workbook_path).worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert len(values) - 1 >= len(listed), (len(values), len(listed))
    statuses = {row[values[0].index("审核状态")] for row in values[1:]}
    assert statuses == {"通过"}, statuses
    for path, name in [("/console/elevators?overdue=true", "console-regulator-elevators"),
                       ("/console/abnormal", "console-regulator-abnormal"),
                       ("/console/review", "console-regulator-review"),
                       ("/console/complaints", "console-regulator-complaints"),
                       ("/console/rescues", "console-regulator-rescues"),
                       ("/console/summary", "console-regulator-summary")]:
        world.open(path)
        assert world.browser.find_elements(By.TAG_NAME, "h1"), path
        world.shoot(name)
    world.sign_out()


@check
def a_rescue_is_walked_by_its_people_and_the_regulator_sees_it(world):
    """The demo's open rescue (a passenger's trapped report): the maintainer accepts it naming a
    rescuer, proves arrival by opening the elevator's label, releases and closes it; the regulator
    finds it in the history as verified, filters the unverified ones, and reads the bulletin."""
    import datetime
    rescue = re.search(r"Rescues \(有人被困\): open (R\w+), late (R\w+), completed (R\w+)", world.demo_output)
    assert rescue, world.demo_output
    open_id, late_id, completed_id = rescue.groups()
    world.sign_in("regulator")
    world.open("/console/rescues")
    assert world.browser.find_elements(By.CSS_SELECTOR, f"#rescues tr[data-key='{open_id}']"), "the regulator sees the open order"
    world.sign_out()

    world.sign_in("maintainer")
    world.open("/console/rescues")
    row = world.browser.find_element(By.CSS_SELECTOR, f"#rescues tr[data-key='{open_id}']")
    row.find_element(By.NAME, "rescuer").send_keys("陈建章")
    row.find_element(By.NAME, "phone").send_keys("13912345678")
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='accept']"))
    assert "已保存" in world.text(), world.text()
    # At the elevator: the label page on the phone offers the arrival; the scan proves it.
    world.browser.set_window_size(390, 900)
    world.open(urllib.parse.urlparse(world.pages["current"]).path)
    form = world.browser.find_element(By.ID, "rescue-arrival")
    world.shoot("console-rescue-arrival")
    world.click(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    world.browser.set_window_size(1280, 900)
    row = world.browser.find_element(By.CSS_SELECTOR, f"#rescues tr[data-key='{open_id}']")
    assert "救援人员已到达" in row.text and "扫码到达" in row.text, row.text
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='release']"))
    row = world.browser.find_element(By.CSS_SELECTOR, f"#rescues tr[data-key='{open_id}']")
    world.click(row.find_element(By.CSS_SELECTOR, "button[value='close']"))
    row = world.browser.find_element(By.CSS_SELECTOR, f"#rescues tr[data-key='{open_id}']")
    assert "救援已结束" in row.text, row.text
    world.open("/console/rescues/history")
    keys = {row.get_attribute("data-key") for row in world.browser.find_elements(By.CSS_SELECTOR, "#rescue-history tbody tr[data-key]")}
    assert open_id in keys, keys
    world.shoot("console-maintainer-rescue-history")
    world.sign_out()

    world.sign_in("regulator")
    world.click(world.browser.find_element(By.LINK_TEXT, "救援记录"))
    row = world.browser.find_element(By.CSS_SELECTOR, f"#rescue-history tr[data-key='{open_id}']")
    assert "救援已结束" in row.text and "已验证" in row.text and "陈建章" in row.text, row.text
    assert "13912345678" not in world.text(), "the regulator does not see the rescuer's phone"
    late_row = world.browser.find_element(By.CSS_SELECTOR, f"#rescue-history tr[data-key='{late_id}']")
    assert "超时" in late_row.text and "未验证" in late_row.text, late_row.text
    world.shoot("console-regulator-rescue-history")
    # Unverified arrivals only, through the form.
    filters = world.browser.find_element(By.ID, "filters")
    filters.find_element(By.CSS_SELECTOR, "select[name='unverified'] option[value='true']").click()
    world.click(filters.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    keys = {row.get_attribute("data-key") for row in world.browser.find_elements(By.CSS_SELECTOR, "#rescue-history tbody tr[data-key]")}
    assert keys == {late_id}, keys
    assert "unverified=true" in world.browser.current_url
    world.shoot("console-regulator-rescue-history-unverified")
    # A bad value typed into the address bar: a page saying so, the filters kept.
    world.open("/console/rescues/history?month=2026-13")
    assert "筛选条件有误" in world.text() and world.browser.find_elements(By.ID, "filters"), world.text()

    # The bulletin: last full month by default; this month holds the demo's rescues.
    world.click(world.browser.find_element(By.LINK_TEXT, "定期通报"))
    assert "定期通报" in world.browser.find_element(By.TAG_NAME, "h1").text
    month = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).strftime("%Y-%m")
    world.open(f"/console/bulletin?month={month}")
    heading = world.browser.find_element(By.TAG_NAME, "h1").text
    assert month in heading, heading
    ranking = world.browser.find_elements(By.CSS_SELECTOR, "#ranking tbody tr[data-key]")
    assert ranking, "no unit ranked"
    assert "评分公式" in world.text() and "救援按时率" in world.text()
    world.shoot("console-regulator-bulletin")
    for old in os.listdir(world.downloads):
        os.remove(os.path.join(world.downloads, old))
    world.browser.find_element(By.PARTIAL_LINK_TEXT, "xlsx").click()
    workbook_path = wait_for(lambda: next((os.path.join(world.downloads, f) for f in os.listdir(world.downloads)
                                           if f.startswith("bulletin") and f.endswith(".xlsx")), None), what="the bulletin download")
    import openpyxl
    sheet = openpyxl.load_workbook(workbook_path).worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True)]
    units = [row[1] for row in values[1:] if row[0] == "维保单位"]
    shown = [row.get_attribute("data-key") for row in ranking]
    assert units == shown, (units, shown)
    world.sign_out()


@check
def a_worker_starts_and_ends_a_visit_on_the_label_page(world):
    import sqlite3
    worker = next(login for login in world.passwords if re.fullmatch(r"W\d+", login))
    world.sign_in(worker)
    label = urllib.parse.urlparse(world.pages["current"]).path
    world.open(label)
    form = world.browser.find_element(By.ID, "visit-start")
    world.shoot("console-worker-visit-start")
    world.click(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    assert "维保进行中" in world.text(), world.text()
    # The test moves the visit's start 35 minutes back (the server's rules stay as they are).
    database = sqlite3.connect(os.path.join(world.folder, "demo", "liftcode.sqlite"))
    with database:
        database.execute("UPDATE visitStart SET at = datetime(at, '-35 minutes') WHERE workerLogin = ?", (worker,))
    database.close()
    world.open(label)
    form = world.browser.find_element(By.ID, "visit-end")
    form.find_element(By.NAME, "remarks").send_keys("正常")
    world.shoot("console-worker-visit-end")
    world.click(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    page = world.text()
    assert "维保已上传" in page and "通过" in page, page
    world.shoot("console-worker-visit-result")
    world.open("/console/visit")
    world.shoot("console-worker-typed")
    world.sign_out()


@check
def a_worker_sees_only_its_own_records(world):
    worker = next(login for login in world.passwords if re.fullmatch(r"W\d+", login))
    world.sign_in(worker)
    assert "我的记录" in world.browser.find_element(By.TAG_NAME, "h1").text
    world.shoot("console-worker-records")
    world.open("/console/accounts")
    assert "此页面不属于您的账号" in world.text()


@check
def five_failures_lock_the_login(world):
    for _ in range(5):
        world.sign_in("property", "wrong-password-1")
    error = world.browser.find_element(By.ID, "error").text
    assert "锁定" in error, error
    # Even the right password is refused while locked.
    world.sign_in("property")
    assert "锁定" in world.browser.find_element(By.ID, "error").text
    world.shoot("console-locked")



def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 64
    world = World(os.path.abspath(sys.argv[1]))
    passed = failed = 0
    try:
        for function in CHECKS:
            try:
                function(world)
                passed += 1
                print(f"✔ {function.__name__}")
            except Exception:
                failed += 1
                print(f"✘ {function.__name__}")
                traceback.print_exc()
                world.browser.save_screenshot(os.path.join(SCREENSHOTS, f"FAILED-{function.__name__}.png"))
    finally:
        world.close()
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
