//! `analyze --format html` in a real browser: headless Chromium driven over
//! the DevTools protocol (headless_chrome). The browser is /usr/bin/chromium
//! or $CHROME; without one the tests print why and pass, unless
//! CLAIMTRACE_REQUIRE_BROWSER=1 (set by .ci/run when Chromium is installed),
//! where a missing browser fails.

use headless_chrome::protocol::cdp::Page;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("CLAIMTRACE_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!(
            "CLAIMTRACE_REQUIRE_BROWSER=1 but there is no browser at {} (install chromium or set CHROME)",
            path.display()
        );
    }
    eprintln!(
        "html_browser: SKIPPED: no Chromium at {} (install chromium or set CHROME; CLAIMTRACE_REQUIRE_BROWSER=1 makes this a failure)",
        path.display()
    );
    None
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn claimtrace(args: &[&OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .output()
        .expect("claimtrace runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes the HTML report of `file` to `page`.
fn write_page(file: &Path, page: &Path) {
    let (code, _, err) = claimtrace(&[
        "analyze".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        page.as_os_str(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
}

/// Writes the HTML report of `file` to `page` and returns the JSON report.
fn reports(file: &Path, page: &Path) -> Value {
    write_page(file, page);
    let (code, json, err) = claimtrace(&[
        "analyze".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&json).expect("JSON report")
}

/// Records what the page must never do: open a dialog, or break its own
/// Content-Security-Policy (a violation would mean an inline script or
/// style the policy does not list, or a remote load).
const WATCH: &str = "window.__dialogs = 0;\
    for (const f of ['alert', 'confirm', 'prompt', 'print']) { window[f] = function () { window.__dialogs++; }; }\
    window.__violations = [];\
    document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

struct Session {
    _browser: Browser,
    tab: Arc<Tab>,
    _profile: tempfile::TempDir,
}

fn open(chrome: PathBuf, page: &Path, size: (u32, u32)) -> Session {
    let profile = tempfile::tempdir().expect("temp dir");
    let options = LaunchOptions::default_builder()
        .path(Some(chrome))
        .headless(true)
        .sandbox(false)
        .window_size(Some(size))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(
            [
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ]
            .iter()
            .map(OsStr::new)
            .collect(),
        )
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("Chromium starts");
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(30));
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: WATCH.to_string(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .expect("watch script");
    let url = format!("file://{}", page.canonicalize().expect("page").display());
    tab.navigate_to(&url)
        .and_then(|t| t.wait_until_navigated())
        .expect("page loads");
    Session {
        _browser: browser,
        tab,
        _profile: profile,
    }
}

/// Evaluates `expression` in the page; the result goes through JSON
/// (`undefined` as null).
fn eval(tab: &Tab, expression: &str) -> Value {
    let wrapped = format!("JSON.stringify((() => {{ return {expression}; }})() ?? null)");
    let result = tab.evaluate(&wrapped, false).expect("evaluate");
    match result.value {
        Some(Value::String(s)) => serde_json::from_str(&s).expect("JSON from the page"),
        other => panic!("{expression}: {other:?}"),
    }
}

fn screenshot(tab: &Tab, path: &Path) {
    let png = tab
        .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
    eprintln!("html_browser: screenshot {}", path.display());
}

fn chain_of(attribution: &Value) -> Vec<String> {
    attribution["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn seed() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/article.txt");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("html_browser: seed test SKIPPED: ../shared/seed/article.txt absent");
        None
    }
}

#[test]
fn seed_report_in_the_browser() {
    let Some(chrome) = chromium() else { return };
    let Some(article) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let report = reports(&article, &page);
    let doc = &report["documents"][0];
    let attributions = doc["attributions"].as_array().unwrap();
    let claims = attributions.len() + doc["unattributed"].as_array().unwrap().len();
    assert!(claims > 5);

    let session = open(chrome, &page, (1280, 1000));
    let tab = &session.tab;
    // The script ran (the policy let it), and nothing was blocked.
    assert_eq!(eval(tab, "document.documentElement.dataset.ready"), "true");
    assert_eq!(eval(tab, "window.__violations"), serde_json::json!([]));

    // One focusable element per claim, as many as the JSON report has.
    assert_eq!(
        eval(tab, "document.querySelectorAll('.claim-head').length"),
        claims
    );
    assert_eq!(
        eval(
            tab,
            "document.querySelectorAll('.claim-head[tabindex=\"0\"][role=\"button\"]').length"
        ),
        claims
    );
    assert_eq!(
        eval(
            tab,
            "new Set([...document.querySelectorAll('.text [data-claim]')].map(e => e.dataset.claim)).size"
        ),
        claims
    );
    // The stylesheet applied: underline style by hedge level.
    assert_eq!(
        eval(
            tab,
            "getComputedStyle(document.querySelector('.claim.h-none')).textDecorationStyle"
        ),
        "solid"
    );
    // Paragraphs kept: the article's text is the file's, line breaks included.
    let text = std::fs::read_to_string(&article).unwrap();
    assert_eq!(
        eval(tab, "document.querySelector('.text').textContent"),
        text
    );

    // Every source entity is in the side panel, with its count.
    let panel = eval(tab, "document.querySelector('.source-list').textContent");
    let panel = panel.as_str().unwrap();
    for entity in doc["entities"].as_array().unwrap() {
        let name = entity["name"].as_str().unwrap();
        assert!(panel.contains(name), "{name} not in the panel: {panel}");
    }
    assert!(panel.contains("Recep Tayyip Erdogan"), "{panel}");

    // Click the nested attribution (TRT → Erdogan): its details are shown.
    let nested = attributions
        .iter()
        .find(|a| a["chain"].as_array().unwrap().len() > 1)
        .expect("the seed has a nested attribution");
    let id = nested["id"].as_str().unwrap();
    let chain = chain_of(nested);
    assert_eq!(chain[0], "TRT");
    // Hovering shows a summary (the title), chain included.
    let tooltip = eval(
        tab,
        &format!("document.querySelector('#claim-d1-{id}').title"),
    );
    let expected = format!("chain: {}", chain.join(" → "));
    assert!(tooltip.as_str().unwrap().contains(&expected), "{tooltip}");
    tab.find_element(&format!("#claim-d1-{id}"))
        .expect("claim element")
        .click()
        .expect("click");
    let details = eval(tab, "document.querySelector('#details').innerText");
    let details = details.as_str().unwrap();
    for field in [
        nested["cue"]["text"].as_str().unwrap(),
        nested["rule"].as_str().unwrap(),
        nested["source_type"].as_str().unwrap(),
        nested["entity"].as_str().unwrap(),
    ] {
        assert!(details.contains(field), "{field} not in details: {details}");
    }
    assert_eq!(
        eval(
            tab,
            "[...document.querySelectorAll('#details .chain .link')].map(e => e.textContent)"
        ),
        serde_json::json!(chain)
    );
    assert_eq!(
        eval(
            tab,
            &format!("document.querySelector('#claim-d1-{id}').getAttribute('aria-current')")
        ),
        "true"
    );

    // The keyboard: focus the first claim in the text, Enter opens its
    // details.
    let first = eval(tab, "document.querySelector('.claim-head').dataset.id");
    assert_ne!(first, id);
    eval(tab, "document.querySelector('.claim-head').focus()");
    tab.press_key("Enter").expect("Enter");
    assert_eq!(
        eval(
            tab,
            "document.querySelector('#details .details-heading strong').textContent"
        ),
        first
    );
    assert_eq!(
        eval(
            tab,
            "document.activeElement.classList.contains('claim-head')"
        ),
        true
    );

    // Filter by the first source: the others' claims are dimmed.
    tab.find_element(".source-filter").unwrap().click().unwrap();
    assert_eq!(
        eval(
            tab,
            "document.querySelector('.source-filter').getAttribute('aria-pressed')"
        ),
        "true"
    );
    let dimmed = eval(tab, "document.querySelectorAll('.claim-head.dim').length");
    assert!(dimmed.as_u64().unwrap() > 0);
    assert!(dimmed.as_u64().unwrap() < claims as u64);
    let status = eval(tab, "document.querySelector('#filter-status').textContent");
    assert!(status.as_str().unwrap().starts_with("Showing "), "{status}");
    // Filter by type, then back to all.
    tab.find_element(".type-filter[data-category=\"media\"]")
        .unwrap()
        .click()
        .unwrap();
    let media = attributions
        .iter()
        .filter(|a| a["source_type"] == "media")
        .count();
    assert_eq!(
        eval(
            tab,
            "document.querySelectorAll('.claim-head:not(.dim)').length"
        ),
        media
    );
    tab.find_element(".filter-all").unwrap().click().unwrap();
    assert_eq!(eval(tab, "document.querySelectorAll('.dim').length"), 0);

    // Show the nested claim selected in the screenshot.
    tab.find_element(&format!("#claim-d1-{id}"))
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(eval(tab, "window.__dialogs"), 0);
    screenshot(tab, &target_dir().join("html-report.png"));
}

#[test]
fn scripts_in_the_article_do_not_run() {
    let Some(chrome) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    // A hostile file name too: it is the page's title and a heading.
    let name = "<img src=x onerror=\"document.title='pwned'\">.txt";
    let article = dir.path().join(name);
    let text = "The minister said <script>alert(1)</script> was only a test.\n\n\
                Critics said <img src=x onerror=\"document.title='pwned'\"> was worse, \
                according to the daily <b onmouseover=\"alert(2)\">Courier</b>.\n\n\
                \"Read [x](javascript:document.title='pwned') and \
                <a href=\"javascript:document.title='pwned'\">this</a>,\" the spokesman said.\n\n\
                Officials said </script><script>document.title='pwned'</script> nothing.";
    std::fs::write(&article, text).unwrap();
    let page = dir.path().join("report.html");
    let report = reports(&article, &page);
    let doc = &report["documents"][0];
    let claims = doc["attributions"].as_array().unwrap().len()
        + doc["unattributed"].as_array().unwrap().len();
    assert!(doc["attributions"].as_array().unwrap().len() >= 3, "{doc}");

    let session = open(chrome, &page, (1000, 800));
    let tab = &session.tab;
    let title = format!("claimtrace: {}", article.display());
    assert_eq!(eval(tab, "document.documentElement.dataset.ready"), "true");
    // Open every claim's details: the texts go through the script too.
    for i in 0..claims {
        eval(
            tab,
            &format!("document.querySelectorAll('.claim-head')[{i}].click()"),
        );
    }
    // Hover over everything that could carry a handler.
    eval(
        tab,
        "[...document.querySelectorAll('*')].forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))",
    );
    assert_eq!(eval(tab, "document.title"), title.as_str());
    assert_eq!(eval(tab, "window.__dialogs"), 0);
    assert_eq!(eval(tab, "window.__violations"), serde_json::json!([]));
    // Only the page's own two scripts; no element from the input.
    assert_eq!(eval(tab, "document.scripts.length"), 2);
    assert_eq!(
        eval(
            tab,
            "document.querySelectorAll('img, a, b[onmouseover], [onerror], [onmouseover]').length"
        ),
        0
    );
    // The markup is there as text, in the article and in the details.
    let shown = eval(tab, "document.querySelector('.text').textContent");
    assert_eq!(shown, text);
    let heading = eval(tab, "document.querySelector('.article h2').textContent");
    assert_eq!(heading, article.display().to_string().as_str());
    screenshot(tab, &target_dir().join("html-report-xss.png"));
}

/// Regenerates docs/images/html-report.png from a corpus article:
/// `cargo test --test html_browser -- --ignored docs_screenshot`.
#[test]
#[ignore]
fn docs_screenshot() {
    let Some(chrome) = chromium() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    write_page(Path::new("corpus/03-budget.txt"), &page);
    let session = open(chrome, &page, (1200, 860));
    let tab = &session.tab;
    tab.find_element("#claim-d1-a3").unwrap().click().unwrap();
    screenshot(tab, &root.join("docs/images/html-report.png"));
}
