;;; tapls-test-support.el --- what the eglot and lsp-mode suites share  -*- lexical-binding: t; -*-

;; Loaded by tapls-test.el and tapls-lsp-mode-test.el (after they set `tapls-executable').

;;; Code:

(require 'ert)
(require 'cl-lib)

(defconst tapls-test-workspace
  (expand-file-name "../../test/workspace/"
                    (file-name-directory (or load-file-name buffer-file-name)))
  "The project the tests open: editors/test/workspace (see its README).")

(defconst tapls-test-tapsets '("qemu-system-x86_64-log.stp" "qemu-system-x86_64.stp")
  "The files \"Generate log-probe tapset\" writes for the server's default binary.")

(defconst tapls-test-qio-events
  '("qio_channel_socket_new" "qio_task_complete" "qio_task_new" "qio_task_thread_start")
  "The qio events of the test workspace's io/trace-events, sorted.")

(defun tapls-test-wait (what pred &optional seconds)
  "Wait until PRED is non-nil, at most SECONDS (30) seconds; fail naming WHAT."
  (let ((deadline (+ (float-time) (or seconds 30)))
        result)
    (while (and (not (setq result (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (or result (ert-fail (format "timed out waiting for %s" what)))))

(defun tapls-test-copy-workspace (tmp)
  "Copy the test workspace to TMP/ws/, a git repository (one project); return its name."
  (let ((ws (file-name-as-directory (expand-file-name "ws" tmp))))
    (copy-directory tapls-test-workspace ws nil t t)
    (should (= 0 (call-process "git" nil nil nil "init" "-q" ws)))
    ws))

(defun tapls-test-kill-buffers-under (dir)
  "Kill the buffers visiting files under DIR, modified or not."
  (dolist (buf (buffer-list))
    (when (and (buffer-file-name buf) (string-prefix-p (file-truename dir) (file-truename (buffer-file-name buf))))
      (with-current-buffer buf (set-buffer-modified-p nil))
      (kill-buffer buf))))

(defun tapls-test-bytes (file)
  "FILE's contents, byte for byte (a unibyte string)."
  (with-temp-buffer
    (set-buffer-multibyte nil)
    (insert-file-contents-literally file)
    (buffer-string)))

(defun tapls-test-cli-tapsets (events &optional text)
  "What `tapls generate' writes for the trace-events file EVENTS: ((NAME . BYTES) ...).
With TEXT, for that text in a file of the same name instead (the
server generates from a buffer's text, saved or not).  The files are
those of `tapls-test-tapsets', from the install set of the server's
default binary."
  (let ((out (make-temp-file "tapls-cli-" t)))
    (unwind-protect
        (let ((input events))
          (when text
            (setq input (expand-file-name (file-name-nondirectory events) (make-temp-file "tapls-cli-in-" t)))
            (with-temp-file input (set-buffer-multibyte nil) (insert (encode-coding-string text 'utf-8))))
          (with-temp-buffer
            (let ((status (call-process tapls-executable nil t nil "generate" (concat "--install-set=" out)
                                        "--binary=/usr/bin/qemu-system-x86_64" input)))
              (unless (eql status 0)
                (ert-fail (format "tapls generate failed (%s): %s" status (buffer-string))))))
          (when text (delete-directory (file-name-directory input) t))
          (mapcar (lambda (name) (cons name (tapls-test-bytes (expand-file-name name out))))
                  tapls-test-tapsets))
      (delete-directory out t))))

(defun tapls-test-written-tapsets (dir)
  "The tapsets in DIR as `tapls-test-cli-tapsets' gives them; nil for a missing one."
  (mapcar (lambda (name)
            (let ((file (expand-file-name name dir)))
              (cons name (and (file-exists-p file) (tapls-test-bytes file)))))
          tapls-test-tapsets))

(provide 'tapls-test-support)
;;; tapls-test-support.el ends here
