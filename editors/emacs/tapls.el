;;; tapls.el --- QEMU trace-events and SystemTap support via the tapls language server  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: GPL-2.0-or-later

;;; Commentary:

;; `trace-events-mode' for QEMU trace-events files (`trace-events', `trace-events-all',
;; `*.trace-events'), with font-lock for event properties, names, argument types and format
;; strings, and registration of the tapls language server ("tapls lsp") with eglot and, when it is
;; loaded, lsp-mode, for trace-events buffers and SystemTap scripts (`*.stp', `*.stpm').
;;
;; SystemTap buffers use `systemtap-mode' when it can be found (Debian's systemtap-common ships
;; one), else the minimal `tapls-stap-mode' defined here.
;;
;; DTrace provider files (libvirt's `src/libvirt_probes.d': a `*.d' file with a `provider NAME {'
;; or `probe NAME(' line) use `tapls-provider-mode', handed to the server with language id
;; `dtrace'; any other `*.d' file (a D program, a DTrace script) is left to its own mode.
;;
;; The server's settings are the options of the group `tapls-settings' (`tapls-qemu-version',
;; `tapls-tapsets', `tapls-default-tapsets', ...; all safe as directory-local variables).  A
;; server gets them when it starts, again on `eglot-reconnect' or `lsp-workspace-restart';
;; `tapls-send-settings' sends changed ones to the running servers.
;;
;; In a trace-events buffer, `tapls-generate-tapset' has the server write the log-probe tapsets
;; that QEMU's tracetool makes of it (C-u: regenerate, replacing files tracetool wrote).
;;
;; Setup:
;;
;;   (add-to-list 'load-path "/path/to/tapls/editors/emacs")
;;   (require 'tapls)
;;   (setq tapls-executable "/path/to/tapls/tapls")   ; when `tapls' is not on the PATH
;;   (setq tapls-qemu-version "7.2")                   ; and the other options of
;;                                                     ; M-x customize-group tapls-settings
;;   (add-hook 'trace-events-mode-hook #'eglot-ensure)
;;   (add-hook 'tapls-stap-mode-hook #'eglot-ensure)   ; or systemtap-mode-hook
;;   (add-hook 'tapls-provider-mode-hook #'eglot-ensure)

;;; Code:

(require 'cl-lib)

(defgroup tapls nil
  "QEMU trace-events and SystemTap files, checked by the tapls language server."
  :group 'languages
  :prefix "tapls-")

(defcustom tapls-executable "tapls"
  "The tapls launcher: a name on the PATH or an absolute file name."
  :type 'string)

(defcustom tapls-server-args '("lsp")
  "Arguments that make `tapls-executable' run the language server on stdio."
  :type '(repeat string))

;;;; Settings
;;
;; What the server takes as `initializationOptions' (and, whole, in
;; `workspace/didChangeConfiguration'), one option each; docs/editors.md describes them.  The
;; values in the buffer that starts the server count, so they may be set per project in a
;; .dir-locals.el file.

(defgroup tapls-settings nil
  "Settings of the tapls language server."
  :group 'tapls
  :prefix "tapls-")

(defun tapls--string-list-p (value)
  "Non-nil when VALUE is a list of strings."
  (and (listp value) (cl-every #'stringp value)))

(defun tapls--string-or-nil-p (value)
  "Non-nil when VALUE is a string or nil."
  (or (null value) (stringp value)))

(defcustom tapls-qemu-version nil
  "The QEMU release whose trace-events dialect to check, such as \"7.2\".
QEMU 7.2 still accepts the `vcpu' property.  nil means the newest
release tapls knows."
  :type '(choice (const :tag "The newest" nil) (string :tag "Release"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-disabled-rules nil
  "Ids of the rules not to report, such as \"checkpatch-hex-prefix\".
The command `tapls rules' lists them."
  :type '(repeat string)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-enabled-rules nil
  "Ids of the rules that are off by default to report as well."
  :type '(repeat string)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-syntax-only nil
  "Non-nil: for SystemTap files, report only what stap -p1 reports.
That is parsing alone: no checks against the tapset library or the
aliases of trace-events files."
  :type 'boolean
  :safe #'booleanp
  :group 'tapls-settings)

(defcustom tapls-tapsets nil
  "Extra tapset directories, searched after the default library.
Like stap -I DIR.  Relative names are read from the first workspace
folder (the project root), \"~/\" from the home directory."
  :type '(repeat directory)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-default-tapsets t
  "Non-nil: search SystemTap's own tapset library.
That is /usr/share/systemtap/tapset, or $SYSTEMTAP_TAPSET.  nil: only
`tapls-tapsets' and the aliases derived from trace-events files."
  :type 'boolean
  :safe #'booleanp
  :group 'tapls-settings)

(defcustom tapls-trace-events nil
  "Trace-events files or directories besides the project's.
Scripts may use the tracetool aliases of their events.  Relative
names are read from the first workspace folder (the project root)."
  :type '(repeat file)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-probe-prefixes nil
  "The probe prefixes to derive tracetool's aliases for.
For example (\"qemu.system.aarch64\" \"qemu.user.arm\").  nil means
qemu.system.x86_64 and the system emulators built from the target/*
directories that hold trace-events files."
  :type '(repeat string)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-stap-arch nil
  "The architecture stap targets, like stap -a ARCH.
It decides %( arch ... %) conditions.  nil means x86_64."
  :type '(choice (const :tag "x86_64" nil) (string :tag "Architecture"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-stap-kernel-release nil
  "The kernel release stap targets, like stap -r RELEASE.
It decides %( kernel_v ... %) conditions; for example
\"6.1.0-13-amd64\".  nil means 6.1.0."
  :type '(choice (const :tag "6.1.0" nil) (string :tag "Release"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-stap-runtime nil
  "The runtime stap targets, like stap --runtime=MODE.
nil means stap's default, kernel (bpf for files under a bpf/
directory)."
  :type '(choice (const :tag "Default" nil) (const "kernel") (const "dyninst") (const "bpf"))
  :safe (lambda (value) (member value '(nil "kernel" "dyninst" "bpf")))
  :group 'tapls-settings)

(defcustom tapls-script-arguments nil
  "The values of the scripts' $1, $2, ... and @1, @2, ..., in order.
They are the arguments of stap script.stp ARG..."
  :type '(repeat string)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-tapset-binary nil
  "The executable the tapsets the server generates are for, as installed.
It is what \"Generate log-probe tapset\" writes into the tapsets'
process(\"...\") probe points, and it names the files.  nil means
meson's binary for the first probe prefix:
/usr/bin/qemu-system-x86_64."
  :type '(choice (const :tag "Default" nil) (string :tag "Executable"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-tapset-output nil
  "The directory where \"Generate log-probe tapset\" writes its tapsets.
A relative one is read from the project root.  nil means the
project root."
  :type '(choice (const :tag "Project root" nil) (directory :tag "Directory"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-provider-files nil
  "DTrace provider files or directories besides the project's.
Scripts may use the aliases libvirt's dtrace2systemtap.py derives from
their probes (libvirt.rpc.client_msg_rx, ...).  Relative names are
read from the first workspace folder (the project root)."
  :type '(repeat file)
  :safe #'tapls--string-list-p
  :group 'tapls-settings)

(defcustom tapls-provider-prefix nil
  "The first word of the aliases derived from provider files.
For example \"myproj\" for myproj.rpc.client_new.  nil means libvirt,
the word libvirt's dtrace2systemtap.py always writes."
  :type '(choice (const :tag "libvirt" nil) (string :tag "Word"))
  :safe #'tapls--string-or-nil-p
  :group 'tapls-settings)

(defcustom tapls-initialization-options nil
  "More settings for the server, a plist merged over the options above.
Its keys are the server's own (docs/editors.md), for example
  (:qemuVersion \"7.2\" :disable [\"checkpatch-hex-prefix\"])."
  :type 'plist
  :group 'tapls-settings)

(defun tapls-settings ()
  "Return the server's settings from the options, a plist for JSON.
Only what differs from the server's defaults is in it: an option left
at its default leaves the server's own default in force."
  (let ((settings nil)
        (target nil))
    (cl-flet ((add (key value) (setq settings (plist-put settings key value)))
              (add-list (key value) (when value (setq settings (plist-put settings key (vconcat value))))))
      (when tapls-qemu-version (add :qemuVersion tapls-qemu-version))
      (add-list :disable tapls-disabled-rules)
      (add-list :enable tapls-enabled-rules)
      (when tapls-syntax-only (add :syntaxOnly t))
      (add-list :tapsets tapls-tapsets)
      (unless tapls-default-tapsets (add :defaultTapsets :json-false))
      (add-list :traceEvents tapls-trace-events)
      (add-list :probePrefixes tapls-probe-prefixes)
      (when tapls-stap-arch (setq target (plist-put target :arch tapls-stap-arch)))
      (when tapls-stap-kernel-release (setq target (plist-put target :kernelRelease tapls-stap-kernel-release)))
      (when tapls-stap-runtime (setq target (plist-put target :runtime tapls-stap-runtime)))
      (when target (add :stapTarget target))
      (add-list :scriptArguments tapls-script-arguments)
      (when tapls-tapset-binary (add :tapsetBinary tapls-tapset-binary))
      (when tapls-tapset-output (add :tapsetOutput tapls-tapset-output))
      (add-list :providerFiles tapls-provider-files)
      (when tapls-provider-prefix (add :providerPrefix tapls-provider-prefix))
      (cl-loop for (key value) on tapls-initialization-options by #'cddr
               do (add key value)))
    settings))

(defun tapls--settings-object ()
  "Return `tapls-settings' for JSON, an empty object when there are none."
  (or (tapls-settings) (make-hash-table)))

(defun tapls-server-command ()
  "Return the command line of the tapls language server."
  (cons tapls-executable tapls-server-args))

;;;; trace-events-mode

(defconst tapls--trace-events-types
  '("int" "long" "short" "char" "bool" "unsigned" "signed" "void" "size_t" "ssize_t"
    "uintptr_t" "ptrdiff_t" "int8_t" "uint8_t" "int16_t" "uint16_t" "int32_t" "uint32_t"
    "int64_t" "uint64_t")
  "The argument types tracetool accepts.")

(defconst tapls--conversion-regexp
  "%\\(?:%\\|[-+ #0']*\\(?:\\*\\|[0-9]+\\)?\\(?:\\.\\(?:\\*\\|[0-9]+\\)?\\)?\\(?:hh\\|h\\|ll\\|l\\|j\\|z\\|t\\|L\\|q\\)?[diouxXcspfFeEgGaA]?\\)"
  "A printf conversion in a format string.
Its letter may be missing: a PRI macro after the string supplies it.")

(defun tapls--match-conversion (limit)
  "Font-lock matcher: the next printf conversion inside a string before LIMIT."
  (let (found)
    (while (and (not found) (re-search-forward tapls--conversion-regexp limit t))
      (when (nth 3 (syntax-ppss (match-beginning 0)))
        (setq found t)))
    found))

(defun tapls--match-type (limit)
  "Font-lock matcher: the next allowed type name before LIMIT.
Names in strings and comments do not count."
  (let ((re (concat "\\_<" (regexp-opt (cons "const" tapls--trace-events-types) t) "\\_>"))
        found)
    (while (and (not found) (re-search-forward re limit t))
      (unless (nth 8 (syntax-ppss (match-beginning 0)))
        (setq found t)))
    found))

(defvar trace-events-font-lock-keywords
  `(;; [properties] name( — properties are keywords, the name is a function name.
    ("^[ \t]*\\(\\(?:[[:alnum:]_]+[ \t]+\\)*\\)\\([[:alnum:]_]+\\)[ \t]*("
     (1 font-lock-keyword-face)
     (2 font-lock-function-name-face))
    (tapls--match-type 1 font-lock-type-face)
    ;; The parameter name: the last word before `,' or `)'.
    ("\\_<\\([[:alnum:]_]+\\)\\(?:\\[[0-9]+\\]\\)?[ \t]*[,)]" 1 font-lock-variable-name-face keep)
    ("\\_<PRI[diouxX]\\(?:8\\|16\\|32\\|64\\|PTR\\|MAX\\)\\_>" . font-lock-constant-face)
    (tapls--match-conversion 0 font-lock-preprocessor-face prepend))
  "Highlighting for `trace-events-mode'.")

(defvar trace-events-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?% "." st)
    (modify-syntax-entry ?* "." st)
    st)
  "Syntax table for `trace-events-mode'.
`#' starts a comment that ends with the line.")

(defun tapls--trace-events-syntax-propertize (start end)
  "Make a `#' a comment starter only where it begins a line (after blanks).
Applies between START and END."
  (goto-char start)
  (while (re-search-forward "#" end t)
    (let ((pos (match-beginning 0)))
      (unless (save-excursion (goto-char pos) (skip-chars-backward " \t") (bolp))
        (put-text-property pos (1+ pos) 'syntax-table (string-to-syntax "."))))))

;;;###autoload
(define-derived-mode trace-events-mode prog-mode "trace-events"
  "Major mode for QEMU trace-events files.
One event a line: [disable] name(type arg, ...) \"format\".
The tapls language server checks them."
  :syntax-table trace-events-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "^[ \t]*#+[ \t]*")
  (setq-local comment-end "")
  (setq-local syntax-propertize-function #'tapls--trace-events-syntax-propertize)
  (setq-local font-lock-defaults '(trace-events-font-lock-keywords)))

(put 'trace-events-mode 'eglot-language-id "trace-events")

;;;###autoload
(add-to-list 'auto-mode-alist '("/trace-events\\(?:-all\\)?\\'" . trace-events-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("\\.trace-events\\'" . trace-events-mode))

;;;; SystemTap

(defconst tapls--stap-keywords
  '("probe" "global" "private" "function" "if" "else" "for" "foreach" "in" "limit" "return"
    "delete" "while" "break" "continue" "next" "try" "catch")
  "SystemTap's keywords (stap's lexer), less the type names.")

(defvar tapls-stap-font-lock-keywords
  `((,(concat "\\_<" (regexp-opt tapls--stap-keywords t) "\\_>") . font-lock-keyword-face)
    ("\\_<\\(string\\|long\\)\\_>" . font-lock-type-face)
    ("\\_<probe[ \t]+\\([[:alnum:]_.$*?]+\\)" 1 font-lock-function-name-face)
    ("\\_<function[ \t]+\\([[:alnum:]_$]+\\)" 1 font-lock-function-name-face)
    ("@define[ \t]+\\([[:alnum:]_]+\\)" 1 font-lock-function-name-face)
    ("@[[:alpha:]_][[:alnum:]_]*" . font-lock-builtin-face)
    ("\\$\\$?[[:alpha:]_][[:alnum:]_]*\\$*" . font-lock-variable-name-face)
    ("%[{}()?:]" . font-lock-preprocessor-face))
  "Highlighting for `tapls-stap-mode'.")

(defvar tapls-stap-mode-syntax-table
  (let ((st (make-syntax-table)))
    ;; `#' and `//' comments to the end of the line, `/* */' blocks.
    (modify-syntax-entry ?# "< b" st)
    (modify-syntax-entry ?/ ". 124b" st)
    (modify-syntax-entry ?* ". 23" st)
    (modify-syntax-entry ?\n "> b" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?$ "_" st)
    (modify-syntax-entry ?@ "'" st)
    (modify-syntax-entry ?% "." st)
    st)
  "Syntax table for `tapls-stap-mode'.")

;;;###autoload
(define-derived-mode tapls-stap-mode prog-mode "SystemTap"
  "Minimal major mode for SystemTap scripts.
Used when `systemtap-mode' is not installed."
  :syntax-table tapls-stap-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|#+\\|/\\*+\\)[ \t]*")
  (setq-local indent-line-function #'tapls--stap-indent-line)
  (setq-local font-lock-defaults '(tapls-stap-font-lock-keywords)))

(defun tapls--stap-indent-line ()
  "Indent by brace depth, `tab-width' columns a level."
  (let ((depth (save-excursion
                 (beginning-of-line)
                 (let ((d (car (syntax-ppss))))
                   (if (looking-at "[ \t]*[})]") (max 0 (1- d)) d)))))
    (indent-line-to (* depth tab-width))))

(put 'tapls-stap-mode 'eglot-language-id "systemtap")
(put 'systemtap-mode 'eglot-language-id "systemtap")

(declare-function systemtap-mode "systemtap-mode")

(defun tapls--systemtap-mode-available-p ()
  "Non-nil when a real `systemtap-mode' is defined or can be loaded."
  (or (fboundp 'systemtap-mode) (locate-library "systemtap-mode")))

;;;###autoload
(defun tapls-stap-choose-mode ()
  "Turn on `systemtap-mode' when it is available, else `tapls-stap-mode'."
  (if (tapls--systemtap-mode-available-p)
      (progn
        (unless (fboundp 'systemtap-mode)
          (autoload 'systemtap-mode "systemtap-mode" "Major mode for SystemTap scripts." t))
        (systemtap-mode))
    (tapls-stap-mode)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.stpm?\\'" . tapls-stap-choose-mode))

;;;; DTrace provider files

(defconst tapls--provider-line-regexp
  "^[ \t]*\\(?:provider[ \t]+[[:alpha:]_][[:alnum:]_]*[ \t]*{\\|probe[ \t]+[[:alpha:]_][[:alnum:]_]*[ \t]*(\\)"
  "A line that makes a `*.d' file a provider file, as the server decides.")

(defvar tapls-provider-font-lock-keywords
  `(("^[ \t]*#[ \t]*\\(file\\|prefix\\|binary\\|module\\):" 1 font-lock-preprocessor-face t)
    ("\\_<\\(provider\\|probe\\)\\_>" . font-lock-keyword-face)
    ("\\_<provider[ \t]+\\([[:alnum:]_]+\\)" 1 font-lock-type-face)
    ("\\_<probe[ \t]+\\([[:alnum:]_]+\\)" 1 font-lock-function-name-face)
    (,(concat "\\_<" (regexp-opt '("const" "unsigned" "signed" "struct" "union" "enum" "void" "char"
                                    "short" "int" "long" "float" "double")
                                  t)
              "\\_>")
     . font-lock-type-face))
  "Highlighting for `tapls-provider-mode'.")

(defvar tapls-provider-mode-syntax-table
  (let ((st (make-syntax-table)))
    ;; `/* */' blocks; `#' lines (libvirt's group comments) are comments by `syntax-propertize'.
    (modify-syntax-entry ?/ ". 14" st)
    (modify-syntax-entry ?* ". 23" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?# "." st)
    st)
  "Syntax table for `tapls-provider-mode'.")

(defun tapls--provider-syntax-propertize (start end)
  "Make a `#' that begins a line (after blanks) a comment to the line's end.
Applies between START and END."
  (goto-char start)
  (while (re-search-forward "^[ \t]*\\(#\\)[^\n]*\\(\n\\)?" end t)
    (put-text-property (match-beginning 1) (match-end 1) 'syntax-table (string-to-syntax "<"))
    (when (match-beginning 2)
      (put-text-property (match-beginning 2) (match-end 2) 'syntax-table (string-to-syntax ">")))))

;;;###autoload
(define-derived-mode tapls-provider-mode prog-mode "DTrace-provider"
  "Major mode for DTrace provider files as libvirt writes them.
provider NAME { probe NAME(ARGS); ... }; with `# file:', `# prefix:',
`# binary:' and `# module:' comments grouping the probes.  The tapls
language server checks them."
  :syntax-table tapls-provider-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?:#+\\|/\\*+\\)[ \t]*")
  (setq-local syntax-propertize-function #'tapls--provider-syntax-propertize)
  (setq-local indent-line-function #'tapls--stap-indent-line)
  (setq-local font-lock-defaults '(tapls-provider-font-lock-keywords)))

(put 'tapls-provider-mode 'eglot-language-id "dtrace")

;;;###autoload
(defun tapls-provider-file-p ()
  "Non-nil when the current buffer visits a `*.d' file that declares a provider.
For `magic-mode-alist', which is consulted before `auto-mode-alist': a D
program or a DTrace script falls through to its own mode."
  (and buffer-file-name
       (string-match-p "\\.d\\'" buffer-file-name)
       (save-excursion
         (goto-char (point-min))
         (re-search-forward tapls--provider-line-regexp
                            (min (point-max) (+ (point-min) magic-mode-regexp-match-limit)) t))))

;;;###autoload
(add-to-list 'magic-mode-alist '(tapls-provider-file-p . tapls-provider-mode))

;;;; Language server registration

(defun tapls--eglot-initialization-options (_server)
  "Return the settings for eglot's `initializationOptions' at each connection."
  (tapls--settings-object))

(defun tapls--eglot-contact (&optional _interactive)
  "The server command for eglot, with the initialization options.
They are a function, so that `eglot-reconnect' sends the settings anew."
  (append (tapls-server-command)
          (list :initializationOptions #'tapls--eglot-initialization-options)))

(defun tapls-register-eglot ()
  "Tell eglot to run tapls for trace-events, SystemTap and provider buffers.
One entry a language, because eglot 1.9 gives one server one language id."
  (when (boundp 'eglot-server-programs)
    (setq eglot-server-programs
          (cl-remove-if (lambda (entry) (memq (cdr entry) '(tapls--eglot-contact)))
                        eglot-server-programs))
    ;; The language ids come from the modes' `eglot-language-id' properties (set above).
    (add-to-list 'eglot-server-programs '(trace-events-mode . tapls--eglot-contact))
    (add-to-list 'eglot-server-programs
                 '((tapls-stap-mode systemtap-mode) . tapls--eglot-contact))
    (add-to-list 'eglot-server-programs '(tapls-provider-mode . tapls--eglot-contact))))

(with-eval-after-load 'eglot (tapls-register-eglot))

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(defvar lsp-language-id-configuration)

(defun tapls-register-lsp-mode ()
  "Tell lsp-mode to run tapls for trace-events, SystemTap and provider buffers."
  (add-to-list 'lsp-language-id-configuration '(trace-events-mode . "trace-events"))
  (add-to-list 'lsp-language-id-configuration '(tapls-provider-mode . "dtrace"))
  (add-to-list 'lsp-language-id-configuration '(tapls-stap-mode . "systemtap"))
  (add-to-list 'lsp-language-id-configuration '(systemtap-mode . "systemtap"))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'tapls-server-command)
    :activation-fn (lambda (_file mode) (memq mode '(trace-events-mode tapls-stap-mode systemtap-mode
                                                             tapls-provider-mode)))
    :initialization-options #'tapls--settings-object
    :server-id 'tapls)))

(with-eval-after-load 'lsp-mode (tapls-register-lsp-mode))

(defvar eglot--servers-by-project)
(declare-function eglot-current-server "eglot")
(declare-function eglot--project "eglot")
(declare-function eglot--server-info "eglot")
(declare-function jsonrpc-notify "jsonrpc")
(declare-function lsp-workspaces "lsp-mode")
(declare-function lsp-notify "lsp-mode")
(declare-function lsp--workspace-client "lsp-mode")
(declare-function lsp--client-server-id "lsp-mode")
(defvar lsp--cur-workspace)

(defun tapls--eglot-servers ()
  "Return eglot's tapls servers for the current buffer's project."
  (let ((current (and (fboundp 'eglot-current-server) (eglot-current-server))))
    (when current
      (cl-remove-if-not
       (lambda (server)
         (equal (plist-get (eglot--server-info server) :name) "tapls"))
       ;; eglot starts one server a language id: the project's other one too.
       (or (and (boundp 'eglot--servers-by-project)
                (gethash (eglot--project current) eglot--servers-by-project))
           (list current))))))

(defun tapls-send-settings ()
  "Send the current settings to the running tapls servers of this buffer.
The servers take them whole, as `workspace/didChangeConfiguration',
and check the open files again; a server started later gets them as
its `initializationOptions'.  Return the number of servers told."
  (interactive)
  (let ((params (list :settings (list :tapls (tapls--settings-object))))
        (count 0))
    (dolist (server (tapls--eglot-servers))
      (jsonrpc-notify server :workspace/didChangeConfiguration params)
      (cl-incf count))
    (when (and (fboundp 'lsp-workspaces) (bound-and-true-p lsp-mode))
      (dolist (workspace (lsp-workspaces))
        (when (eq (lsp--client-server-id (lsp--workspace-client workspace)) 'tapls)
          (let ((lsp--cur-workspace workspace))
            (lsp-notify "workspace/didChangeConfiguration" params))
          (cl-incf count))))
    (when (called-interactively-p 'interactive)
      (if (= count 0)
          (message "tapls: no tapls server runs for this buffer")
        (message "tapls: settings sent to %d server(s)" count)))
    count))

;;;; Generate log-probe tapset

(defconst tapls-generate-command "tapls.generateLogTapset"
  "The server's command that writes a trace-events file's log-probe tapsets.
Its arguments are the file's URI and whether to replace files that
tracetool wrote; it answers with the names of the files written.")

(declare-function eglot--TextDocumentIdentifier "eglot")
(declare-function eglot--signal-textDocument/didChange "eglot")
(declare-function jsonrpc-request "jsonrpc")
(declare-function lsp-request "lsp-mode")
(declare-function lsp--buffer-uri "lsp-mode")
(defvar eglot--managed-mode)

(defun tapls--lsp-mode-workspace ()
  "Return lsp-mode's tapls workspace of the current buffer, or nil."
  (when (and (fboundp 'lsp-workspaces) (bound-and-true-p lsp-mode))
    (cl-find-if (lambda (workspace)
                  (eq (lsp--client-server-id (lsp--workspace-client workspace)) 'tapls))
                (lsp-workspaces))))

(defun tapls--execute-generate (overwrite)
  "Ask this buffer's tapls server to generate its tapsets; OVERWRITE as JSON.
Return the server's answer, the names of the files written."
  (let ((lsp-workspace (tapls--lsp-mode-workspace)))
    (cl-flet ((params (uri) (list :command tapls-generate-command
                                  :arguments (vector uri (if overwrite t :json-false)))))
      (cond
       ((and (bound-and-true-p eglot--managed-mode) (eglot-current-server))
        ;; eglot sends edits from an idle timer: the server must generate from the text of now.
        (eglot--signal-textDocument/didChange)
        (jsonrpc-request (eglot-current-server) :workspace/executeCommand
                         (params (plist-get (eglot--TextDocumentIdentifier) :uri))))
       (lsp-workspace
        (let ((lsp--cur-workspace lsp-workspace))
          (lsp-request "workspace/executeCommand" (params (lsp--buffer-uri)))))
       (t (user-error "No tapls server manages this buffer: M-x eglot or M-x lsp first"))))))

(defun tapls-generate-tapset (&optional overwrite)
  "Generate the log-probe tapset of the current trace-events buffer.
The tapls server writes <binary>-log.stp and the <binary>.stp whose
aliases it uses, byte for byte what `tapls generate' writes for the
buffer's text, saved or not: for the executable
`tapls-tapset-binary', into `tapls-tapset-output' (default: the
project root).  It never replaces an existing file; with a prefix
argument OVERWRITE, it regenerates files that tracetool wrote.
The buffer must be managed by eglot or lsp-mode.  Return the names
of the files written."
  (interactive "P")
  (unless (derived-mode-p 'trace-events-mode)
    (user-error "Not a trace-events buffer"))
  (let ((written
         (condition-case err
             (tapls--execute-generate overwrite)
           (user-error (signal (car err) (cdr err)))
           ;; eglot: the server's message, as jsonrpc gives it.
           (jsonrpc-error (user-error "The tapls server did not generate: %s"
                                      (or (alist-get 'jsonrpc-error-message (cdr err))
                                          (error-message-string err))))
           ;; lsp-mode: a plain error with the server's message.
           (error (user-error "The tapls server did not generate: %s" (error-message-string err))))))
    (setq written (append written nil))
    (when (called-interactively-p 'interactive)
      (message "tapls: wrote %s" (mapconcat #'identity written ", ")))
    written))

(provide 'tapls)
;;; tapls.el ends here
