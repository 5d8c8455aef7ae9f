//! `check` on hostile input: `--fix` writes only inside the paths given, atomically, never
//! over a newer save, and reports both the diagnostics and why it could not write; text
//! output escapes terminal control characters.

use agent_lsp::cli::write::{write_fixed, Roots};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixable agent: `read` is fixed to `Read`.
const FIXABLE: &str = "---\nname: demo\ndescription: d\ntools: read\n---\nbody\n";

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agent-lsp-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    dir
}

fn check(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .arg("check")
        .args(args)
        .args(paths)
        .output()
        .expect("run check")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, contents).expect("write");
}

#[test]
fn fix_never_writes_through_a_symlink_that_leaves_the_paths_given() {
    let dir = scratch("symlink");
    let victim = dir.join("outside/victim.md");
    write(&victim, FIXABLE);
    let ws = dir.join("ws");
    std::fs::create_dir_all(ws.join(".claude")).expect("mkdir");
    symlink("../../outside", ws.join(".claude/agents")).expect("symlink");
    let out = check(&["--fix"], &[&ws]);
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), FIXABLE);
    let err = text(&out.stderr);
    assert!(err.contains("outside the paths given"), "{err}");
    assert!(
        text(&out.stdout).contains("victim.md"),
        "diagnostics still shown"
    );
    assert_eq!(out.status.code(), Some(1));
    // Named on the command line (through the link), the file is fixed in place.
    let named = ws.join(".claude/agents/victim.md");
    let out = check(&["--fix"], &[&named]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&victim)
        .expect("read")
        .contains("tools: Read"));
    assert!(std::fs::symlink_metadata(ws.join(".claude/agents"))
        .expect("link")
        .file_type()
        .is_symlink());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fix_replaces_the_file_atomically_and_keeps_its_mode() {
    let dir = scratch("atomic");
    let file = dir.join(".claude/agents/a.md");
    write(&file, FIXABLE);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let out = check(&["--fix"], &[&dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&file)
        .expect("read")
        .contains("tools: Read"));
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    let left: Vec<_> = std::fs::read_dir(file.parent().expect("parent"))
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["a.md"], "no temporary file left behind");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fix_on_a_read_only_file_reports_the_diagnostics_and_why_it_did_not_write() {
    let dir = scratch("readonly");
    let file = dir.join("a.md");
    write(&file, FIXABLE);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = check(&["--fix"], &[&file]);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FIXABLE);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        stderr.contains("fixes not written: the file is read-only"),
        "{stderr}"
    );
    assert!(
        stdout.contains("tool-case"),
        "the diagnostic is kept: {stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
    let json = check(&["--fix", "--format", "json"], &[&file]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["files"][0]["fixError"], "the file is read-only");
    assert_eq!(v["files"][0]["fixed"], false);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_save_made_after_the_read_is_never_overwritten() {
    let dir = scratch("race");
    let file = dir.join("a.md");
    write(&file, "saved by the editor meanwhile\n");
    let roots = Roots::new(std::slice::from_ref(&dir));
    let r = write_fixed(&file, FIXABLE.as_bytes(), "fixed", &roots);
    assert_eq!(
        r,
        Err("the file changed on disk since it was read".to_string())
    );
    let on_disk = std::fs::read_to_string(&file).expect("read");
    assert_eq!(on_disk, "saved by the editor meanwhile\n");
    assert_eq!(
        std::fs::read_dir(&dir).expect("ls").count(),
        1,
        "temp removed"
    );
    // Unchanged since the read: written.
    write(&file, FIXABLE);
    assert_eq!(
        write_fixed(&file, FIXABLE.as_bytes(), "fixed", &roots),
        Ok(())
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "fixed");
    // Outside the roots: refused, whatever the content.
    let other = scratch("race-other").join("b.md");
    write(&other, FIXABLE);
    let r = write_fixed(&other, FIXABLE.as_bytes(), "fixed", &roots);
    assert!(r.is_err_and(|e| e.contains("outside the paths given")));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(other.parent().expect("parent")).ok();
}

#[test]
fn text_output_escapes_terminal_controls_from_files() {
    let dir = scratch("escapes");
    // OSC 52 (set the clipboard), erase-line, and a bidi override in a tool name.
    let evil = "Raed\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2K\u{202e}x";
    let file = dir.join("a\u{1b}[1mb.md");
    write(
        &file,
        &format!("---\nname: demo\ndescription: d\ntools: {evil}\n---\n"),
    );
    let out = check(&[], &[&file]);
    let stdout = text(&out.stdout);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!stdout.contains(raw), "{raw:?} printed raw:\n{stdout}");
    }
    assert!(stdout.contains("\\x1b]52;c;"), "{stdout}");
    assert!(stdout.contains("a\\x1b[1mb.md"), "{stdout}");
    // The carets stay under the escaped excerpt.
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("unknown-tool"))
        .expect("diagnostic");
    let excerpt = lines[at..]
        .iter()
        .find(|l| l.starts_with("4 |"))
        .expect("source");
    let carets = lines[at..]
        .iter()
        .find(|l| l.contains('^'))
        .expect("carets");
    let col = carets.find('^').expect("carets");
    assert_eq!(&excerpt[col..col + 4], "Raed", "{excerpt}\n{carets}");
    let inspect = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
        .arg("inspect")
        .arg(&file)
        .output()
        .expect("inspect");
    assert!(!text(&inspect.stdout).contains('\u{1b}'));
    std::fs::remove_dir_all(&dir).ok();
}
