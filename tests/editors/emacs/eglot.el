;;; eglot.el --- Emacs 28 + eglot 1.9 lifecycle check for agent-lsp  -*- lexical-binding: t -*-
;; Run: emacs --batch -l eglot.el (not -Q: Debian activates its elpa packages from
;; site-start), with AGENT_LSP_PROJECT and AGENT_LSP_SNIPPET (the README's eglot setup) set.
;; Opens an agent file, lets that setup start agent-lsp through eglot, waits for diagnostics,
;; asks for hover, checks a plain README stays without the server, then sends what
;; `eglot-shutdown' sends (`shutdown' with null params, then `exit') and requires the server
;; process to exit by itself with status 0. Prints `ok: ...' lines, or `FAIL: <reason>' and exits 1.
(require 'eglot)
(require 'cl-lib)

(defvar agent-test-project (file-name-as-directory (getenv "AGENT_LSP_PROJECT")))
(defvar agent-test-diagnostics nil "Diagnostics agent-lsp published for demo.md.")

(defun agent-test-fail (fmt &rest args)
  (princ (format "FAIL: %s\n" (apply #'format fmt args)))
  (kill-emacs 1))

(defun agent-test-wait (what pred &optional seconds)
  (let ((end (+ (float-time) (or seconds 15))))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (or (funcall pred) (agent-test-fail "timed out waiting for %s" what))))

;; The setup from editors/README.md, as a user's init file would have it.
(require 'markdown-mode)
(load (getenv "AGENT_LSP_SNIPPET") nil t)

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (when (string-suffix-p "/.claude/agents/demo.md" uri)
    (setq agent-test-diagnostics (append diagnostics nil))))

(condition-case err
    (let* ((file (expand-file-name ".claude/agents/demo.md" agent-test-project))
           (buf (find-file-noselect file)))
      (set-buffer buf)
      (unless (eq major-mode 'agent-md-mode) (agent-test-fail "demo.md opened in %s" major-mode))
      ;; `eglot-ensure' (from the mode hook) connects after the next command; batch Emacs has
      ;; no command loop, so run that hook once.
      (run-hooks 'post-command-hook)
      (let* ((server (agent-test-wait "eglot to connect" #'eglot-current-server))
             (proc (jsonrpc--process server)))
        (princ (format "ok: agent-md-mode + eglot-ensure connected to %s\n"
                       (plist-get (eglot--server-info server) :name)))
        (agent-test-wait "diagnostics" (lambda () agent-test-diagnostics))
        (let ((codes (mapcar (lambda (d) (plist-get d :code)) agent-test-diagnostics)))
          (unless (and (member "unknown-tool" codes) (member "unknown-key" codes))
            (agent-test-fail "expected unknown-tool and unknown-key, got %S" codes))
          (princ (format "ok: diagnostics %S\n" codes)))
        ;; Hover on `tools' (line 4).
        (goto-char (point-min))
        (forward-line 3)
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (contents (plist-get hover :contents))
               (text (if (stringp contents) contents (format "%S" contents))))
          (unless (string-match-p "`tools`" text) (agent-test-fail "hover lacks `tools`: %s" text))
          (princ "ok: hover\n"))
        (with-current-buffer (find-file-noselect (expand-file-name "docs/README.md" agent-test-project))
          (run-hooks 'post-command-hook)
          (unless (eq major-mode 'markdown-mode) (agent-test-fail "README.md opened in %s" major-mode))
          (when (eglot-current-server) (agent-test-fail "eglot manages docs/README.md"))
          (princ "ok: docs/README.md stays markdown-mode without agent-lsp\n"))
        ;; The two messages `eglot-shutdown' sends: `shutdown' with null params, then `exit'.
        ;; They are sent here by hand because Emacs 28's `jsonrpc-shutdown' (which
        ;; `eglot-shutdown' calls next) deletes the process at once, so it can never show
        ;; whether the server would have exited by itself.
        (setf (eglot--shutdown-requested server) t)
        (jsonrpc-request server :shutdown nil :timeout 5)
        (princ "ok: shutdown with null params answered\n")
        (jsonrpc-notify server :exit nil)
        (agent-test-wait "the server process to exit after `exit'" (lambda () (not (process-live-p proc))) 5)
        (unless (and (eq (process-status proc) 'exit) (= (process-exit-status proc) 0))
          (agent-test-fail "server ended with %s %s after exit"
                           (process-status proc) (process-exit-status proc)))
        (princ "ok: exit: server exited with status 0\n")))
  (error (agent-test-fail "%s" (error-message-string err))))
(kill-emacs 0)
