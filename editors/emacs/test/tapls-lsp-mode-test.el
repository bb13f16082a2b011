;;; tapls-lsp-mode-test.el --- batch test of tapls.el with the real lsp-mode and tapls server  -*- lexical-binding: t; -*-

;; Run: emacs --batch -Q -l editors/emacs/test/tapls-lsp-mode-test.el
;; Environment: TAPLS_EXECUTABLE, the launcher to run (default: the repository's ./tapls).

;;; Code:

(require 'ert)
(require 'cl-lib)

;; With -Q, Debian's ELPA packages (lsp-mode and its libraries) are not on the path.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir)
    (add-to-list 'load-path dir)))
;; ... nor their autoloads (lsp-mode turns on its modeline and other minor modes through them).
(dolist (file (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*/*-autoloads.el"))
  (load file nil t))

(defconst tapls-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(add-to-list 'load-path (expand-file-name ".." tapls-test-dir))

(defconst tapls-test-state-dir (make-temp-file "tapls-lsp-state-" t))
;; Deleted however Emacs exits (the skip below, an error, `ert-run-tests-batch-and-exit'), and last: after
;; lsp-mode's own kill-emacs hook, which may still write its session file there.
(add-hook 'kill-emacs-hook (lambda () (delete-directory tapls-test-state-dir t)) 90)
(setq lsp-session-file (expand-file-name "session" tapls-test-state-dir)
      lsp-server-install-dir (expand-file-name "servers" tapls-test-state-dir)
      lsp-auto-guess-root nil
      lsp-restart 'ignore
      lsp-keep-workspace-alive nil
      lsp-enable-file-watchers nil
      lsp-enable-snippet nil
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-lens-enable nil
      lsp-diagnostics-provider :none
      lsp-log-io nil)

(unless (require 'lsp-mode nil t)
  ;; 77: the JUnit wrapper skips (or, under CI=true, fails) with this line.
  (message "SKIPPED: lsp-mode is not installed (apt-get install -y elpa-lsp-mode)")
  (kill-emacs 77))
(require 'tapls)

(setq tapls-executable
      (or (getenv "TAPLS_EXECUTABLE")
          (expand-file-name "../../../tapls" tapls-test-dir)))

(load (expand-file-name "tapls-test-support.el" tapls-test-dir) nil t)

(ert-deftest tapls-lsp-mode-registration ()
  (should (gethash 'tapls lsp-clients))
  (should (equal (alist-get 'trace-events-mode lsp-language-id-configuration) "trace-events"))
  (should (equal (alist-get 'tapls-stap-mode lsp-language-id-configuration) "systemtap"))
  (should (equal (alist-get 'systemtap-mode lsp-language-id-configuration) "systemtap"))
  (should (equal (alist-get 'tapls-provider-mode lsp-language-id-configuration) "dtrace"))
  (should (funcall (lsp--client-activation-fn (gethash 'tapls lsp-clients)) "x.d" 'tapls-provider-mode)))

(ert-deftest tapls-lsp-mode-diagnostics-and-hover ()
  (let* ((dir (file-name-as-directory (make-temp-file "tapls-lsp-" t)))
         (file (expand-file-name "trace-events" dir)))
    (unwind-protect
        (progn
          (with-temp-file file
            (insert "# e1000.c\ne1000_set_ics(uint64_t val, uint32_t ics) \"val=0x%x ics=0x%x\"\n"))
          (lsp-workspace-folders-add dir)
          (switch-to-buffer (find-file-noselect file))
          (should (eq major-mode 'trace-events-mode))
          (lsp)
          (tapls-test-wait "lsp-mode to connect"
                           (lambda () (and (lsp-workspaces)
                                           (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))))
          (should (eq (lsp--client-server-id (lsp--workspace-client (car (lsp-workspaces)))) 'tapls))
          (let* ((diags (tapls-test-wait "lsp-mode's diagnostics"
                                         (lambda () (gethash file (lsp-diagnostics t)))))
                 (d (car diags)))
            (should (= (length diags) 1))
            (should (string-match-p "format '%x' expects 'unsigned int'" (lsp:diagnostic-message d))))
          (goto-char (point-min))
          (search-forward "ics=0x%x")
          (backward-char 1)
          (let ((hover (lsp-request "textDocument/hover" (lsp--text-document-position-params))))
            (should (string-match-p "prints argument 2, .*ics.*uint32_t"
                                    (lsp:markup-content-value (lsp:hover-contents hover))))))
      (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
      (when (get-file-buffer file)
        (with-current-buffer (get-file-buffer file) (set-buffer-modified-p nil))
        (kill-buffer (get-file-buffer file)))
      (delete-directory dir t))))

(ert-deftest tapls-lsp-mode-settings-reach-the-server ()
  "The options are lsp-mode's initialization options, and `tapls-send-settings' changes them."
  (let* ((tmp (file-name-as-directory (make-temp-file "tapls-lsp-settings-" t)))
         (ws (expand-file-name "ws/" tmp))
         (file (expand-file-name "tasks.stp" ws))
         (tapls-default-tapsets nil)
         (tapls-probe-prefixes '("qemu.system.arm"))
         (messages (lambda () (sort (mapcar #'lsp:diagnostic-message (gethash file (lsp-diagnostics t)))
                                    #'string<))))
    (unwind-protect
        (progn
          (make-directory (expand-file-name "io" ws) t)
          (make-directory (expand-file-name "extra" tmp) t)
          (with-temp-file (expand-file-name "io/trace-events" ws)
            (insert "qio_task_new(void *task, void *source) \"task=%p source=%p\"\n"))
          (with-temp-file (expand-file-name "extra/trace-events" tmp)
            (insert "qio_task_nwe(void *task) \"task=%p\"\n"))
          (with-temp-file file
            (insert "probe qemu.system.arm.qio_task_nwe { println(execname(), task) }\n"))
          (lsp-workspace-folders-add ws)
          (switch-to-buffer (find-file-noselect file))
          (should (memq major-mode '(tapls-stap-mode systemtap-mode)))
          (lsp)
          (tapls-test-wait "lsp-mode to connect"
                           (lambda () (and (lsp-workspaces)
                                           (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))))
          ;; defaultTapsets false: execname is unknown; probePrefixes: the nearest alias is qemu.system.arm's.
          (let ((ms (tapls-test-wait "the two diagnostics" (lambda () (let ((ms (funcall messages)))
                                                                       (and (= (length ms) 2) ms))))))
            (should (string-match-p (concat "probe point mismatch (similar: qio_task_new.*"
                                            "(no alias 'qemu\\.system\\.arm\\.qio_task_nwe')")
                                    (nth 0 ms)))
            (should (string-match-p "unresolved function execname" (nth 1 ms))))
          (let ((tapls-trace-events '("../extra")))
            (should (= (tapls-send-settings) 1)))
          (let ((ms (tapls-test-wait "the alias of ../extra" (lambda () (let ((ms (funcall messages)))
                                                                         (and (= (length ms) 1) ms))))))
            (should (string-match-p "unresolved function execname" (car ms)))))
      (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))
      (when (get-file-buffer file)
        (with-current-buffer (get-file-buffer file) (set-buffer-modified-p nil))
        (kill-buffer (get-file-buffer file)))
      (delete-directory tmp t))))

;;;; Completion, hover and the generate action, in the test workspace (editors/test/workspace)

(defmacro tapls-test-in-workspace (&rest body)
  "Run BODY with `ws' bound to a copy of the test workspace, a workspace folder of lsp-mode's,
the library's tapsets off; clean up."
  (declare (indent 0))
  `(let* ((tmp (make-temp-file "tapls-lsp-ws-" t))
          (ws (tapls-test-copy-workspace tmp))
          ;; The fixture alone: what the workspace derives from its trace-events file.
          (tapls-default-tapsets nil))
     (unwind-protect
         (progn
           (lsp-workspace-folders-add (directory-file-name ws))
           ,@body)
       ;; Removing the folder shuts its server down.
       (lsp-workspace-folders-remove (directory-file-name ws))
       (tapls-test-kill-buffers-under tmp)
       (delete-directory tmp t))))

(defun tapls-test-lsp-visit (file)
  "Visit FILE and connect it to tapls through lsp-mode."
  (switch-to-buffer (find-file-noselect file))
  (lsp)
  (tapls-test-wait "lsp-mode to connect"
                   (lambda () (and (lsp-workspaces)
                                   (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))))
  (should (eq (lsp--client-server-id (lsp--workspace-client (car (lsp-workspaces)))) 'tapls)))

(defun tapls-test-lsp-completions ()
  "What lsp-mode's `completion-at-point' function offers at point: (CANDIDATES . ANNOTATE).
CANDIDATES are the strings for the text before point that it
completes; ANNOTATE gives the annotation lsp-mode shows beside one."
  (pcase-let ((`(,beg ,end ,table . ,props) (lsp-completion-at-point)))
    (let ((candidates (all-completions (buffer-substring-no-properties beg end) table)))
      (cons (mapcar #'substring-no-properties candidates)
            (lambda (label)
              (funcall (plist-get props :annotation-function) (car (member label candidates))))))))

(defun tapls-test-lsp-hover ()
  "The hover text at point, as `lsp-describe-thing-at-point' shows it in *lsp-help*."
  (lsp-describe-thing-at-point)
  (prog1 (with-current-buffer "*lsp-help*" (buffer-substring-no-properties (point-min) (point-max)))
    (kill-buffer "*lsp-help*")))

(ert-deftest tapls-lsp-mode-completion-hover-both-languages ()
  "A script: the misspelt alias's diagnostic, the probe body's variables, the events after
`log.qio', an alias's hover; its trace-events file: types, property words, an event's hover."
  (tapls-test-in-workspace
    (tapls-test-lsp-visit (expand-file-name "tasks.stp" ws))
    ;; A script's diagnostics come once the server has indexed the workspace's aliases.
    (let ((diags (tapls-test-wait "the script's diagnostic"
                                  (lambda () (gethash buffer-file-name (lsp-diagnostics t))))))
      (should (= (length diags) 1))
      (should (string-match-p (concat "probe point mismatch (similar: qio_task_new.*"
                                      "(no alias 'qemu\\.system\\.x86_64\\.qio_task_nwe')")
                              (lsp:diagnostic-message (car diags)))))
    (goto-char (point-min))
    (search-forward "qio_task_new {")
    (insert "\n  ")
    (pcase-let ((`(,candidates . ,annotate) (tapls-test-lsp-completions)))
      (dolist (var '("task" "source" "func" "opaque"))
        (should (member var candidates))
        (should (equal (string-trim (funcall annotate var)) "long (Variable)")))
      (should-not (member "worker" candidates)))
    (goto-char (point-max))
    (insert "probe qemu.system.x86_64.log.qio")
    (should (equal (sort (car (tapls-test-lsp-completions)) #'string<) tapls-test-qio-events))
    (goto-char (point-min))
    (search-forward "x86_64.qio_task")
    (let ((doc (tapls-test-lsp-hover)))
      (should (string-match-p "Variables: task (long), source (long), func (long), opaque (long)" doc))
      (should (string-match-p (regexp-quote "\"Task new task=%p source=%p func=%p opaque=%p\"") doc)))
    ;; lsp-find-definition on the alias: the event's line in io/trace-events.
    (lsp-find-definition)
    (should (equal buffer-file-name (expand-file-name "io/trace-events" ws)))
    (should (looking-at-p "qio_task_new(void \\*task"))
    ;; The trace-events file, in the same lsp-mode workspace.
    (tapls-test-lsp-visit (expand-file-name "io/trace-events" ws))
    (goto-char (point-max))
    (insert "qio_task_cancel(uint")
    (let ((candidates (car (tapls-test-lsp-completions))))
      (dolist (type '("uint8_t" "uint16_t" "uint32_t" "uint64_t" "uintptr_t"))
        (should (member type candidates))))
    (insert "32_t id)\nd")
    (should (member "disable" (car (tapls-test-lsp-completions))))
    (goto-char (point-min))
    (search-forward "qio_task_n")
    (should (string-match-p (concat "qemu\\.system\\.x86_64\\.qio_task_new, "
                                    "qemu\\.system\\.x86_64\\.log\\.qio_task_new, "
                                    "qemu\\.system\\.x86_64\\.simpletrace\\.qio_task_new")
                            (tapls-test-lsp-hover)))))

(ert-deftest tapls-lsp-mode-generate-tapset ()
  "`tapls-generate-tapset' through lsp-mode writes what `tapls generate' writes, and never over
an existing file."
  (tapls-test-in-workspace
    (let ((events (expand-file-name "io/trace-events" ws)))
      (tapls-test-lsp-visit events)
      (should (equal (sort (tapls-generate-tapset) #'string<)
                     (mapcar (lambda (name) (expand-file-name name ws)) tapls-test-tapsets)))
      (let ((expected (tapls-test-cli-tapsets events)))
        (should (equal (tapls-test-written-tapsets ws) expected))
        (let ((err (should-error (tapls-generate-tapset) :type 'user-error)))
          (should (string-match-p "/qemu-system-x86_64[-a-z]*\\.stp exists; use \"Regenerate" (cadr err))))
        (should (equal (tapls-test-written-tapsets ws) expected))))))

(ert-run-tests-batch-and-exit)
;;; tapls-lsp-mode-test.el ends here
