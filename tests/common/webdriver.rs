//! A small synchronous WebDriver client for browser tests: chromedriver spoken to over
//! HTTP/1.1 with `std::net::TcpStream` and `serde_json`, nothing else. Headless Chromium
//! runs with the flags the project uses everywhere (no network services, a throwaway
//! profile) and saves downloads into a folder the test chooses.
//!
//! Use it from a test file with `#[path = "common/webdriver.rs"] mod webdriver;`.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The key of an element reference in the W3C protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Keys for `send_keys` (W3C code points).
pub const ESCAPE: &str = "\u{E00C}";
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";

/// A running chromedriver, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts chromedriver on a free port. `None`, after saying so on stderr, when it or
    /// Chromium is not installed: the caller skips its test.
    pub fn start() -> Option<Driver> {
        for program in [CHROMEDRIVER, CHROMIUM] {
            if !Path::new(program).exists() {
                eprintln!(
                    "SKIPPED: {program} is missing; install it with `apt-get install chromium chromium-driver` to run this browser test"
                );
                return None;
            }
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(v) = driver.request("GET", "/status", None)
                && v["value"]["ready"] == json!(true)
            {
                return Some(driver);
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One HTTP exchange; the JSON answer, or the driver's error message.
    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| format!("connect: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .map_err(|e| e.to_string())?;
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body.as_bytes()))
            .map_err(|e| format!("send: {e}"))?;
        let (status, answer) = read_response(&mut stream)?;
        let value: Value = serde_json::from_slice(&answer).map_err(|e| {
            format!(
                "{method} {path}: not JSON ({e}): {}",
                String::from_utf8_lossy(&answer)
            )
        })?;
        if status >= 400 {
            return Err(format!(
                "{method} {path}: HTTP {status}: {} {}",
                value["value"]["error"], value["value"]["message"]
            ));
        }
        Ok(value)
    }

    /// A new headless Chromium session whose downloads go to `downloads`.
    pub fn browser(&self, downloads: &Path) -> Browser<'_> {
        std::fs::create_dir_all(downloads).expect("the downloads folder");
        let profile = tempfile::tempdir().expect("a profile folder");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            // beforeunload and confirm() prompts are answered "yes" instead of failing
            "unhandledPromptBehavior": "accept",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                },
            },
        }}});
        let v = self
            .request("POST", "/session", Some(&caps))
            .unwrap_or_else(|e| panic!("cannot start Chromium through chromedriver: {e}"));
        let id = v["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Browser {
            driver: self,
            id,
            downloads: downloads.to_path_buf(),
            _profile: profile,
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one HTTP response: its status and body (by Content-Length, chunked, or to the end).
fn read_response(stream: &mut TcpStream) -> Result<(u16, Vec<u8>), String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let header_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("the connection closed before the headers".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..header_end]).to_ascii_lowercase();
    let mut body = raw[header_end + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
    };
    if let Some(len) = header("content-length:").and_then(|v| v.parse::<usize>().ok()) {
        while body.len() < len {
            let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        body.truncate(len);
    } else {
        stream
            .read_to_end(&mut body)
            .map_err(|e| format!("read: {e}"))?;
        if header("transfer-encoding:").is_some_and(|v| v.contains("chunked")) {
            body = dechunk(&body);
        }
    }
    Ok((status, body))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || data.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[(eol + 4 + size).min(data.len())..];
    }
    out
}

/// An element found on the page.
#[derive(Debug, Clone)]
pub struct Element(pub String);

impl Element {
    /// The element as a script argument.
    pub fn arg(&self) -> Value {
        json!({ ELEMENT: self.0 })
    }
}

/// One browser session, closed when dropped.
pub struct Browser<'d> {
    driver: &'d Driver,
    id: String,
    pub downloads: PathBuf,
    _profile: tempfile::TempDir,
}

impl Browser<'_> {
    /// A session command; its `value`. Panics with the driver's message on failure.
    pub fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("/session/{}{path}", self.id);
        let body = (method != "GET").then_some(&body);
        match self.driver.request(method, &url, body) {
            Ok(v) => v["value"].clone(),
            Err(e) => panic!("WebDriver: {e}"),
        }
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    pub fn refresh(&self) {
        self.cmd("POST", "/refresh", json!({}));
    }

    /// The first element matching a CSS selector (panics when there is none).
    pub fn find(&self, css: &str) -> Element {
        let v = self.cmd(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        Element(v[ELEMENT].as_str().expect("an element").to_string())
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.cmd(
            "POST",
            "/elements",
            json!({"using": "css selector", "value": css}),
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(|s| Element(s.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The element that has the keyboard focus.
    pub fn active(&self) -> Element {
        let v = self.cmd("GET", "/element/active", json!({}));
        Element(v[ELEMENT].as_str().expect("an element").to_string())
    }

    /// Clicks an element, first scrolled to the middle of the window so that no sticky
    /// header is over it.
    pub fn click(&self, el: &Element) {
        self.execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![el.arg()],
        );
        self.cmd("POST", &format!("/element/{}/click", el.0), json!({}));
    }

    pub fn click_css(&self, css: &str) {
        let el = self.find(css);
        self.click(&el);
    }

    /// Types `text` into an element (it gets the focus first). A file input takes a path.
    pub fn send_keys(&self, el: &Element, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", el.0),
            json!({ "text": text }),
        );
    }

    pub fn clear(&self, el: &Element) {
        self.cmd("POST", &format!("/element/{}/clear", el.0), json!({}));
    }

    /// The rendered text of an element.
    pub fn text(&self, el: &Element) -> String {
        let v = self.cmd("GET", &format!("/element/{}/text", el.0), json!({}));
        v.as_str().unwrap_or_default().to_string()
    }

    pub fn text_css(&self, css: &str) -> String {
        let el = self.find(css);
        self.text(&el)
    }

    /// A DOM property (`value`, `checked`, `textContent`...).
    pub fn property(&self, el: &Element, name: &str) -> Value {
        self.cmd(
            "GET",
            &format!("/element/{}/property/{name}", el.0),
            json!({}),
        )
    }

    /// Runs a script (a function body: use `return`); its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, path: &Path) {
        let v = self.cmd("GET", "/screenshot", json!({}));
        let png = base64_decode(v.as_str().expect("base64 PNG"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the screenshot folder");
        }
        std::fs::write(path, png).expect("the screenshot");
    }

    /// Sets the size of the window (the page area is smaller by the window's frame).
    pub fn window_size(&self, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    /// Makes the page area exactly `width` x `height` CSS pixels; `mobile` emulates a
    /// phone (touch layout, device-width viewport). Chromium only (DevTools protocol).
    pub fn viewport(&self, width: u32, height: u32, mobile: bool) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
            }}),
        );
    }

    /// Waits until `ready` returns true; panics with `what` after `seconds`.
    pub fn wait_until(&self, seconds: u64, what: &str, mut ready: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while !ready() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits for a finished download whose name starts with `prefix`; its path.
    pub fn wait_for_download(&self, prefix: &str) -> PathBuf {
        let mut found = None;
        self.wait_until(20, &format!("a download named {prefix}*"), || {
            found = std::fs::read_dir(&self.downloads).ok().and_then(|d| {
                d.filter_map(Result::ok).map(|e| e.path()).find(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    name.starts_with(prefix)
                        && !name.ends_with(".crdownload")
                        && p.metadata().is_ok_and(|m| m.len() > 0)
                })
            });
            found.is_some()
        });
        found.expect("a download")
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = self
            .driver
            .request("DELETE", &format!("/session/{}", self.id), None);
    }
}

/// `file://` URL of a local file.
pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | (u32::from(d) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
