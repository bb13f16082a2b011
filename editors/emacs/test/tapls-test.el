;;; tapls-test.el --- batch test of tapls.el with the real Emacs, eglot and tapls server  -*- lexical-binding: t; -*-

;; Run: emacs --batch -Q -l editors/emacs/test/tapls-test.el
;; Environment: TAPLS_EXECUTABLE, the launcher to run (default: the repository's ./tapls).

;;; Code:

(require 'ert)
(require 'cl-lib)

;; With -Q, Debian's ELPA packages (eglot and the newer project/xref it wants) are not on the path.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (when (file-directory-p dir)
    (add-to-list 'load-path dir)))

(defconst tapls-test-dir (file-name-directory (or load-file-name buffer-file-name)))
(add-to-list 'load-path (expand-file-name ".." tapls-test-dir))
(require 'tapls)
(unless (require 'eglot nil t)
  ;; 77: the JUnit wrapper skips (or, under CI=true, fails) with this line.
  (message "SKIPPED: eglot is not installed (apt-get install -y elpa-eglot)")
  (kill-emacs 77))
(require 'flymake)

(setq tapls-executable
      (or (getenv "TAPLS_EXECUTABLE")
          (expand-file-name "../../../tapls" tapls-test-dir)))

(defconst tapls-test-text
  "# e1000.c\ne1000_set_ics(uint64_t val, uint32_t ics) \"val=0x%x ics=0x%x\"\ndisable e1000_x(void)\n")

(load (expand-file-name "tapls-test-support.el" tapls-test-dir) nil t)

(defmacro tapls-test-with-file (name text &rest body)
  "Visit a new file NAME holding TEXT in a temporary directory, run BODY there, clean up."
  (declare (indent 2))
  `(let* ((dir (make-temp-file "tapls-emacs-" t))
          (file (expand-file-name ,name dir)))
     (unwind-protect
         (progn
           (with-temp-file file (insert ,text))
           (let ((buf (find-file-noselect file)))
             (switch-to-buffer buf)
             (with-current-buffer buf ,@body)))
       (eglot-shutdown-all)
       (dolist (b (buffer-list))
         (when (and (buffer-file-name b) (string-prefix-p dir (buffer-file-name b)))
           (with-current-buffer b (set-buffer-modified-p nil))
           (kill-buffer b)))
       (delete-directory dir t))))

(ert-deftest tapls-byte-compiles-cleanly ()
  "tapls.el byte-compiles without a warning."
  (let* ((dir (make-temp-file "tapls-elc-" t))
         (copy (expand-file-name "tapls.el" dir))
         (byte-compile-error-on-warn t))
    (unwind-protect
        (progn
          (copy-file (expand-file-name "../tapls.el" tapls-test-dir) copy)
          (should (byte-compile-file copy)))
      (delete-directory dir t))))

(ert-deftest tapls-file-associations ()
  (dolist (name '("/q/hw/net/trace-events" "/q/trace-events-all" "/q/x.trace-events"))
    (should (eq (assoc-default name auto-mode-alist #'string-match) 'trace-events-mode)))
  (should-not (eq (assoc-default "/q/trace-events.c" auto-mode-alist #'string-match) 'trace-events-mode))
  ;; Our entry (systemtap-mode.el, once loaded, puts its own in front of it).
  (let ((entry (rassq 'tapls-stap-choose-mode auto-mode-alist)))
    (should entry)
    (dolist (name '("/s/a.stp" "/s/b.stpm"))
      (should (string-match-p (car entry) name)))))

(ert-deftest tapls-checkdoc-clean ()
  "tapls.el's documentation passes checkdoc."
  (require 'checkdoc)
  (let* ((complaints nil)
         (checkdoc-create-error-function
          (lambda (text start _end &optional _unfixable)
            (push (format "%s (at %s)" text start) complaints)
            nil)))
    (checkdoc-file (expand-file-name "../tapls.el" tapls-test-dir))
    (should (equal complaints nil))))

(ert-deftest tapls-eglot-registration ()
  "Each mode is handed to tapls lsp with the language id the server expects."
  ;; The settings are a function, so that every connection, a reconnection too, reads them anew.
  (should (equal (tapls--eglot-contact)
                 (list tapls-executable "lsp" :initializationOptions 'tapls--eglot-initialization-options)))
  (should (equal (cadr (eglot--lookup-mode 'trace-events-mode)) "trace-events"))
  (should (equal (cadr (eglot--lookup-mode 'tapls-stap-mode)) "systemtap"))
  (should (equal (cadr (eglot--lookup-mode 'systemtap-mode)) "systemtap"))
  (should (eq (caddr (eglot--lookup-mode 'tapls-stap-mode)) 'tapls--eglot-contact))
  (should (equal (cadr (eglot--lookup-mode 'tapls-provider-mode)) "dtrace"))
  (should (eq (caddr (eglot--lookup-mode 'tapls-provider-mode)) 'tapls--eglot-contact)))

(defconst tapls-test-every-option
  '((tapls-qemu-version . "7.2")
    (tapls-disabled-rules . ("checkpatch-hex-prefix"))
    (tapls-enabled-rules . ("some-rule"))
    (tapls-syntax-only . t)
    (tapls-tapsets . ("tapsets" "~/tapsets"))
    (tapls-default-tapsets . nil)
    (tapls-trace-events . ("../qemu"))
    (tapls-probe-prefixes . ("qemu.system.arm"))
    (tapls-stap-arch . "aarch64")
    (tapls-stap-kernel-release . "6.1.0-13-arm64")
    (tapls-stap-runtime . "bpf")
    (tapls-script-arguments . ("one" "two words"))
    (tapls-tapset-binary . "/usr/bin/qemu-system-aarch64")
    (tapls-tapset-output . "tapsets")
    (tapls-provider-files . ("../libvirt/src"))
    (tapls-provider-prefix . "myproj"))
  "Every settings option, set to something that is not its default.")

(defun tapls-test-json (value)
  "VALUE as eglot and lsp-mode send it: JSON text."
  (json-serialize value :null-object nil :false-object :json-false))

(ert-deftest tapls-settings-json ()
  "The options become the server's settings: nothing at their defaults, every key when set."
  (should (equal (tapls-settings) nil))
  (should (equal (tapls-test-json (tapls--settings-object)) "{}"))
  (cl-progv (mapcar #'car tapls-test-every-option) (mapcar #'cdr tapls-test-every-option)
    (should (equal (tapls-test-json (tapls-settings))
                   (concat "{\"qemuVersion\":\"7.2\",\"disable\":[\"checkpatch-hex-prefix\"],"
                           "\"enable\":[\"some-rule\"],\"syntaxOnly\":true,"
                           "\"tapsets\":[\"tapsets\",\"~/tapsets\"],\"defaultTapsets\":false,"
                           "\"traceEvents\":[\"../qemu\"],\"probePrefixes\":[\"qemu.system.arm\"],"
                           "\"stapTarget\":{\"arch\":\"aarch64\",\"kernelRelease\":\"6.1.0-13-arm64\","
                           "\"runtime\":\"bpf\"},\"scriptArguments\":[\"one\",\"two words\"],"
                           "\"tapsetBinary\":\"/usr/bin/qemu-system-aarch64\",\"tapsetOutput\":\"tapsets\","
                           "\"providerFiles\":[\"../libvirt/src\"],\"providerPrefix\":\"myproj\"}")))
    ;; tapls-initialization-options is merged over them.
    (let ((tapls-initialization-options '(:qemuVersion "8.0" :extra t)))
      (should (equal (plist-get (tapls-settings) :qemuVersion) "8.0"))
      (should (eq (plist-get (tapls-settings) :extra) t)))))

(ert-deftest tapls-settings-are-the-servers ()
  "The keys sent are exactly those the server reads (ClientSettings.java), and safe as dir-locals."
  (let* ((java (with-temp-buffer
                 (insert-file-contents
                  (expand-file-name "../../../server/src/main/java/io/tapls/lsp/ClientSettings.java" tapls-test-dir))
                 (buffer-string)))
         (keys (progn (string-match "KEYS = Set\\.of(\\([^)]*\\))" java)
                      (let ((list (match-string 1 java)) (start 0) found)
                        (while (string-match "\"\\([A-Za-z]+\\)\"" list start)
                          (push (match-string 1 list) found)
                          (setq start (match-end 0)))
                        (sort found #'string<)))))
    (should (>= (length keys) 10))
    (cl-progv (mapcar #'car tapls-test-every-option) (mapcar #'cdr tapls-test-every-option)
      (should (equal (sort (cl-loop for (k _v) on (tapls-settings) by #'cddr
                                    collect (substring (symbol-name k) 1))
                           #'string<)
                     keys)))
    (dolist (option tapls-test-every-option)
      (should (get (car option) 'safe-local-variable))
      (should (funcall (get (car option) 'safe-local-variable) (cdr option)))
      (should (custom-variable-p (car option))))))

(ert-deftest tapls-trace-events-font-lock ()
  (with-temp-buffer
    (insert "# a comment with \"quotes\"\n"
            "disable foo_bar(uint64_t val, const char *name) \"val=0x%\" PRIx64 \" # not a comment %s\"\n")
    (trace-events-mode)
    (font-lock-ensure)
    (cl-flet ((face-at (s &optional n)
                (goto-char (point-min))
                (search-forward s nil nil n)
                (let ((f (get-text-property (match-beginning 0) 'face)))
                  (if (listp f) f (list f)))))
      (should (memq 'font-lock-comment-face (face-at "a comment")))
      (should (memq 'font-lock-keyword-face (face-at "disable")))
      (should (memq 'font-lock-function-name-face (face-at "foo_bar")))
      (should (memq 'font-lock-type-face (face-at "uint64_t")))
      (should (memq 'font-lock-type-face (face-at "const")))
      (should (memq 'font-lock-variable-name-face (face-at "val,")))
      (should (memq 'font-lock-string-face (face-at "val=")))
      (should (memq 'font-lock-preprocessor-face (face-at "%\"")))
      (should (memq 'font-lock-constant-face (face-at "PRIx64")))
      ;; `#' inside an event line is no comment.
      (should (memq 'font-lock-string-face (face-at "# not")))
      (should-not (memq 'font-lock-comment-face (face-at "# not")))
      (should (memq 'font-lock-preprocessor-face (face-at "%s"))))))

(ert-deftest tapls-stap-mode-fallback ()
  (with-temp-buffer
    (insert "probe begin { printf(\"%d\\n\", $1) } // done\n# also a comment\n")
    (tapls-stap-mode)
    (font-lock-ensure)
    (goto-char (point-min))
    (should (eq (get-text-property (point) 'face) 'font-lock-keyword-face))
    (search-forward "// done")
    (should (eq (get-text-property (1- (point)) 'face) 'font-lock-comment-face))
    (search-forward "# also")
    (should (eq (get-text-property (1- (point)) 'face) 'font-lock-comment-face))))

(ert-deftest tapls-debian-systemtap-mode ()
  "With Debian's systemtap-mode.el on the load path, .stp files use it (else the fallback)."
  (let ((dir "/usr/share/emacs/site-lisp/systemtap-common"))
    (if (not (file-exists-p (expand-file-name "systemtap-mode.el" dir)))
        (ert-skip "Debian's systemtap-common is not installed")
      (let ((load-path (cons dir load-path)))
        (tapls-test-with-file "x.stp" "probe begin { exit() }\n"
          (should (eq major-mode 'systemtap-mode))
          (should (equal (cadr (eglot--lookup-mode major-mode)) "systemtap")))))))

(ert-deftest tapls-eglot-diagnostics-and-hover ()
  "The real server through eglot: a mistake becomes a flymake diagnostic, and hover works."
  (should (file-executable-p tapls-executable))
  (tapls-test-with-file "trace-events" tapls-test-text
    (should (eq major-mode 'trace-events-mode))
    ;; What a user's hook does; eglot connects on the next command.
    (eglot-ensure)
    (run-hooks 'post-command-hook)
    (tapls-test-wait "eglot to connect" (lambda () (and (eglot-current-server) eglot--managed-mode)))
    (should (equal (eglot--language-id (eglot-current-server)) "trace-events"))
    ;; Batch mode runs no idle timers: start flymake by hand.
    (flymake-start)
    (let* ((diags (tapls-test-wait "eglot's diagnostics"
                                   (lambda () (flymake-start) (flymake-diagnostics))))
           (d (car diags)))
      (should (= (length diags) 1))
      (should (string-match-p "format '%x' expects 'unsigned int', but argument 'val' has type 'uint64_t'"
                              (flymake-diagnostic-text d)))
      (should (eq (flymake-diagnostic-type d) 'eglot-error))
      ;; Line 2, columns 50-51 (1-based): the first %x.
      (should (equal (buffer-substring (flymake-diagnostic-beg d) (flymake-diagnostic-end d)) "%x")))
    ;; Hover, as eldoc asks for it: on the second %x.
    (goto-char (point-min))
    (search-forward "ics=0x%x")
    (backward-char 1)
    (let (doc)
      (eglot-hover-eldoc-function (lambda (info &rest _) (when info (setq doc info))))
      (tapls-test-wait "the hover" (lambda () doc))
      (should (string-match-p "prints argument 2, .*ics.*uint32_t" doc)))
    ;; Fix the mistake in the buffer: the diagnostic goes away after the edit reaches the server.
    (goto-char (point-min))
    (search-forward "val=0x%x")
    (replace-match "val=0x%\" PRIx64 \"" t t)
    (eglot--signal-textDocument/didChange)
    (tapls-test-wait "the diagnostic to clear"
                     (lambda () (flymake-start) (null (flymake-diagnostics))))))

(defconst tapls-test-provider
  "provider libvirt {\n\tprobe orphan(int x);\n\t# file: src/rpc/virnetclient.c\n\t# prefix: rpc\n\tprobe rpc_client_new(void *client);\n};\n"
  "A provider file in libvirt's style whose first probe comes before any `# file:'.")

(ert-deftest tapls-provider-file-association ()
  "A *.d file that declares a provider gets `tapls-provider-mode'; a D program does not."
  (tapls-test-with-file "libvirt_probes.d" tapls-test-provider
    (should (eq major-mode 'tapls-provider-mode))
    (should (equal comment-start "# "))
    ;; a group comment is a comment, the probe's name a function's
    (font-lock-ensure)
    (goto-char (point-min))
    (search-forward "# file")
    (should (nth 4 (syntax-ppss)))
    (search-forward "probe rpc_")
    (should (eq (get-text-property (point) 'face) 'font-lock-function-name-face)))
  (tapls-test-with-file "app.d" "module app;\nimport std.stdio;\nvoid main() { writeln(\"provider x {\"); }\n"
    (should-not (eq major-mode 'tapls-provider-mode))))

(ert-deftest tapls-eglot-provider-buffer ()
  "A provider file is managed by tapls with language id dtrace: its diagnostics arrive."
  (tapls-test-with-file "libvirt_probes.d" tapls-test-provider
    (should (eq major-mode 'tapls-provider-mode))
    (eglot-ensure)
    (run-hooks 'post-command-hook)
    (tapls-test-wait "eglot to connect" (lambda () (and (eglot-current-server) eglot--managed-mode)))
    (should (equal (eglot--language-id (eglot-current-server)) "dtrace"))
    (flymake-start)
    (let ((diags (tapls-test-wait "eglot's diagnostics" (lambda () (flymake-start) (flymake-diagnostics)))))
      ;; the probe before any `# file:' group, on line 2
      (should (cl-some (lambda (d) (= (line-number-at-pos (flymake-diagnostic-beg d)) 2)) diags)))))

(ert-deftest tapls-eglot-systemtap-buffer ()
  "A .stp buffer is managed by tapls with language id systemtap, and the server survives it."
  (tapls-test-with-file "count.stp" "probe begin { printf(\"hi\\n\"); exit() }\n"
    (should (memq major-mode '(tapls-stap-mode systemtap-mode)))
    (eglot-ensure)
    (run-hooks 'post-command-hook)
    (tapls-test-wait "eglot to connect" (lambda () (and (eglot-current-server) eglot--managed-mode)))
    (should (equal (eglot--language-id (eglot-current-server)) "systemtap"))
    (should (jsonrpc-running-p (eglot-current-server)))))

(defconst tapls-test-events
  "qio_task_new(void *task, void *source, void *func, void *opaque) \"task=%p source=%p func=%p opaque=%p\"\n"
  "An event of QEMU's io/trace-events.")

(defconst tapls-test-script
  "probe qemu.system.arm.qio_task_nwe { println(execname(), task) }\n"
  "A script that misspells the event's alias and calls a function of SystemTap's library.")

(defun tapls-test-flymake-texts ()
  "The texts of the current buffer's flymake diagnostics, sorted."
  (flymake-start)
  (sort (mapcar #'flymake-diagnostic-text (flymake-diagnostics)) #'string<))

(defun tapls-test-wait-texts (what pred)
  "Wait until the flymake texts satisfy PRED; fail naming WHAT, with the last texts."
  (let (texts)
    (condition-case nil
        (tapls-test-wait what (lambda () (funcall pred (setq texts (tapls-test-flymake-texts)))))
      (ert-test-failed (ert-fail (format "timed out waiting for %s; diagnostics: %S" what texts))))
    texts))

(ert-deftest tapls-eglot-settings-reach-the-server ()
  "The options, here from .dir-locals.el, are the server's settings at start, after
`tapls-send-settings' and after `eglot-reconnect'."
  (let* ((tmp (make-temp-file "tapls-emacs-settings-" t))
         (ws (expand-file-name "ws/" tmp))
         (script (expand-file-name "tasks.stp" ws)))
    (unwind-protect
        (progn
          (make-directory (expand-file-name "io" ws) t)
          (make-directory (expand-file-name "extra" tmp) t)
          (with-temp-file (expand-file-name "io/trace-events" ws) (insert tapls-test-events))
          (with-temp-file (expand-file-name "extra/trace-events" tmp)
            (insert "qio_task_nwe(void *task) \"task=%p\"\n"))
          (with-temp-file script (insert tapls-test-script))
          ;; A git repository, as QEMU's tree is: one project for the script and io/trace-events.
          (should (= 0 (call-process "git" nil nil nil "init" "-q" ws)))
          (with-temp-file (expand-file-name ".dir-locals.el" ws)
            (prin1 '((nil . ((tapls-default-tapsets . nil)
                             (tapls-probe-prefixes . ("qemu.system.arm")))))
                   (current-buffer)))
          (with-current-buffer (find-file-noselect script)
            (switch-to-buffer (current-buffer))
            (should (eq tapls-default-tapsets nil))
            (should (equal tapls-probe-prefixes '("qemu.system.arm")))
            (eglot-ensure)
            (run-hooks 'post-command-hook)
            (tapls-test-wait "eglot to connect" (lambda () (and (eglot-current-server) eglot--managed-mode)))
            ;; No library (defaultTapsets false): execname is unknown. Aliases for qemu.system.arm only
            ;; (probePrefixes): the misspelt one is close to qemu.system.arm.qio_task_new.
            (let ((texts (tapls-test-wait-texts "the script's two diagnostics" (lambda (ts) (= (length ts) 2)))))
              (should (string-match-p (concat "\\[stap-unknown-probe-point\\]: probe point mismatch "
                                              "(similar: qio_task_new.*(no alias "
                                              "'qemu\\.system\\.arm\\.qio_task_nwe')")
                                      (nth 1 texts)))
              (should (string-match-p "\\[stap-unknown-function\\]: unresolved function execname" (nth 0 texts))))
            ;; eglot 1.9 runs a second server for the project's trace-events buffers (another language id).
            (with-current-buffer (find-file-noselect (expand-file-name "io/trace-events" ws))
              (eglot-ensure)
              (run-hooks 'post-command-hook)
              (tapls-test-wait "eglot to connect the trace-events buffer"
                               (lambda () (and (eglot-current-server) eglot--managed-mode))))
            ;; Another trace-events directory, read from the project root: the alias exists there. The
            ;; settings go whole, to both servers: the other two still hold.
            (setq-local tapls-trace-events '("../extra"))
            (should (= (tapls-send-settings) 2))
            (let ((texts (tapls-test-wait-texts "the alias of ../extra" (lambda (ts) (= (length ts) 1)))))
              (should (string-match-p "\\[stap-unknown-function\\]: unresolved function execname" (car texts))))
            ;; A reconnection sends the settings of now.
            (setq-local tapls-trace-events nil)
            (eglot-reconnect (eglot-current-server))
            (tapls-test-wait "eglot to reconnect" (lambda () (and (eglot-current-server) eglot--managed-mode)))
            (tapls-test-wait-texts "the misspelt alias again" (lambda (ts) (= (length ts) 2)))))
      (eglot-shutdown-all)
      (dolist (buf (buffer-list))
        (when (and (buffer-file-name buf) (string-prefix-p tmp (buffer-file-name buf)))
          (with-current-buffer buf (set-buffer-modified-p nil))
          (kill-buffer buf)))
      (delete-directory tmp t))))

;;;; Completion, hover and the generate action, in the test workspace (editors/test/workspace)

(defmacro tapls-test-in-workspace (&rest body)
  "Run BODY with `ws' bound to a copy of the test workspace, the library's tapsets off; clean up."
  (declare (indent 0))
  `(let* ((tmp (make-temp-file "tapls-emacs-ws-" t))
          (ws (tapls-test-copy-workspace tmp))
          ;; The fixture alone: what the workspace derives from its trace-events file.
          (tapls-default-tapsets nil))
     (unwind-protect
         (progn ,@body)
       (eglot-shutdown-all)
       (tapls-test-kill-buffers-under tmp)
       (delete-directory tmp t))))

(defun tapls-test-eglot-visit (file)
  "Visit FILE and connect it to tapls through eglot, as the user's hook does."
  (switch-to-buffer (find-file-noselect file))
  (eglot-ensure)
  (run-hooks 'post-command-hook)
  (tapls-test-wait "eglot to connect" (lambda () (and (eglot-current-server) eglot--managed-mode))))

(defun tapls-test-eglot-completions ()
  "What eglot's `completion-at-point' function offers at point: (CANDIDATES . ANNOTATE).
CANDIDATES are the strings for the text before point that it
completes; ANNOTATE gives the annotation eglot shows beside one."
  ;; eglot sends edits from an idle timer, which batch mode never runs.
  (eglot--signal-textDocument/didChange)
  (pcase-let ((`(,beg ,end ,table . ,props) (eglot-completion-at-point)))
    (let ((candidates (all-completions (buffer-substring-no-properties beg end) table)))
      (cons (mapcar #'substring-no-properties candidates)
            (lambda (label)
              (funcall (plist-get props :annotation-function) (car (member label candidates))))))))

(defun tapls-test-eglot-hover ()
  "The hover text at point, as eglot gives it to eldoc."
  (let (doc)
    (eglot-hover-eldoc-function (lambda (info &rest _) (when info (setq doc info))))
    (substring-no-properties (tapls-test-wait "the hover" (lambda () doc)))))

(ert-deftest tapls-eglot-stap-completion-hover-diagnostics ()
  "In a script: the misspelt alias's diagnostic, the probe body's variables, the events after
`log.qio', and the hover of an event's alias."
  (tapls-test-in-workspace
    (tapls-test-eglot-visit (expand-file-name "tasks.stp" ws))
    ;; A script's diagnostics come once the server has indexed the workspace's aliases.
    (let ((texts (tapls-test-wait-texts "the script's diagnostic" (lambda (ts) (= (length ts) 1)))))
      (should (string-match-p (concat "\\[stap-unknown-probe-point\\]: probe point mismatch "
                                      "(similar: qio_task_new.*(no alias "
                                      "'qemu\\.system\\.x86_64\\.qio_task_nwe')")
                              (car texts))))
    ;; Inside `probe qemu.system.x86_64.qio_task_new {': the variables the alias binds, typed.
    (goto-char (point-min))
    (search-forward "qio_task_new {")
    (insert "\n  ")
    (pcase-let ((`(,candidates . ,annotate) (tapls-test-eglot-completions)))
      (dolist (var '("task" "source" "func" "opaque"))
        (should (member var candidates))
        (should (equal (string-trim (funcall annotate var)) "long")))
      ;; Another event's variable is not bound here.
      (should-not (member "worker" candidates)))
    ;; After `probe qemu.system.x86_64.log.qio': exactly the file's qio events.
    (goto-char (point-max))
    (insert "probe qemu.system.x86_64.log.qio")
    (should (equal (sort (car (tapls-test-eglot-completions)) #'string<) tapls-test-qio-events))
    ;; Hover on the alias: its variables, the event's declaration and format.
    (goto-char (point-min))
    (search-forward "x86_64.qio_task")
    (let ((doc (tapls-test-eglot-hover)))
      (should (string-match-p (regexp-quote "Variables: `task` (long), `source` (long), `func` (long), `opaque` (long)")
                              doc))
      (should (string-match-p (regexp-quote "qio_task_new(void *task, void *source, void *func, void *opaque) \"Task new task=%p source=%p func=%p opaque=%p\"")
                              doc)))
    ;; M-. on the alias: the event's line in io/trace-events.
    (call-interactively #'xref-find-definitions)
    (should (equal buffer-file-name (expand-file-name "io/trace-events" ws)))
    (should (looking-at-p "qio_task_new(void \\*task"))))

(ert-deftest tapls-eglot-trace-events-completion-and-hover ()
  "In a trace-events file: the types where an argument's type goes, the property words at the
start of a line, and the hover of an event: its real probe names."
  (let ((tapls-qemu-version "7.2"))
    (tapls-test-in-workspace
      (tapls-test-eglot-visit (expand-file-name "io/trace-events" ws))
      (goto-char (point-max))
      (insert "qio_task_cancel(uint")
      (let ((candidates (car (tapls-test-eglot-completions))))
        (dolist (type '("uint8_t" "uint16_t" "uint32_t" "uint64_t" "uintptr_t"))
          (should (member type candidates)))
        (should (cl-every (lambda (c) (string-prefix-p "uint" c)) candidates)))
      (insert "32_t id)\n")
      ;; QEMU 7.2 still has the vcpu property.
      (insert "v")
      (should (equal (car (tapls-test-eglot-completions)) '("vcpu")))
      (goto-char (point-min))
      (search-forward "qio_task_n")
      (let ((doc (tapls-test-eglot-hover)))
        (should (string-match-p (regexp-quote (concat "`qemu.system.x86_64.qio_task_new`, "
                                                      "`qemu.system.x86_64.log.qio_task_new`, "
                                                      "`qemu.system.x86_64.simpletrace.qio_task_new`"))
                                doc))
        (should-not (string-match-p "<prefix>" doc))))))

(ert-deftest tapls-eglot-generate-tapset ()
  "`tapls-generate-tapset' writes what `tapls generate' writes, never over an existing file; eglot's
own code action menu regenerates them from the buffer's unsaved text."
  (tapls-test-in-workspace
    (let ((events (expand-file-name "io/trace-events" ws)))
      (tapls-test-eglot-visit events)
      (should (equal (sort (tapls-generate-tapset) #'string<)
                     (mapcar (lambda (name) (expand-file-name name ws)) tapls-test-tapsets)))
      (let ((expected (tapls-test-cli-tapsets events)))
        (should (equal (tapls-test-written-tapsets ws) expected))
        ;; The action writes those two; `tapls generate --install-set' a third one.
        (should-not (file-exists-p (expand-file-name "qemu-system-x86_64-simpletrace.stp" ws)))
        ;; Again: the files exist, and stay as they are.
        (let ((err (should-error (tapls-generate-tapset) :type 'user-error)))
          (should (string-match-p "/qemu-system-x86_64[-a-z]*\\.stp exists; use \"Regenerate" (cadr err))))
        (should (equal (tapls-test-written-tapsets ws) expected)))
      ;; An event added, unsaved; eglot 1.9 cannot create files through an edit, so the server's source
      ;; action is a command: eglot runs it, as when the user picks the action.
      (goto-char (point-max))
      (insert "qio_task_cancel(void *task) \"Task cancel task=%p\"\n")
      (eglot--signal-textDocument/didChange)
      (let ((actions (eglot-code-actions (point-min) (point-min) "source")))
        (should (equal (mapcar (lambda (a) (plist-get a :title)) actions)
                       '("Regenerate log-probe tapset (overwrite)"))))
      (eglot-code-actions (point-min) (point-min) "source" t)
      (should (buffer-modified-p))
      (should (equal (tapls-test-written-tapsets ws)
                     (tapls-test-cli-tapsets events (buffer-string)))))))

(ert-run-tests-batch-and-exit)
;;; tapls-test.el ends here
