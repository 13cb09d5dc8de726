;;; rewind-test.el --- ERT tests of rewind.el against dap-mode  -*- lexical-binding: t; -*-

;;; Commentary:

;; Run in batch from the repository (editors/test.sh does):
;;
;;   emacs -batch -Q -l editors/emacs/test/rewind-test.el -f ert-run-tests-batch-and-exit
;;
;; The first tests check the package itself: it byte-compiles without
;; warnings, registers its provider and templates, and turns configurations
;; into the launch arguments the adapter expects.  The session tests drive a
;; real dap-mode session against `rewind dap' from this repository (built
;; beforehand; REWIND_NO_BUILD=1 keeps it from rebuilding): dap-mode starts
;; the adapter, sets the breakpoints, handles the stops, and the tests read
;; where it stopped from dap-mode's own session state.

;;; Code:

(require 'ert)
(require 'cl-lib)
(require 'checkdoc)

(defconst rewind-test--repo
  (expand-file-name "../../.." (file-name-directory (or load-file-name buffer-file-name)))
  "The repository's root folder.")

(defconst rewind-test--scratch (make-temp-file "rewind-emacs-test" t)
  "A folder for this run's files: compiled debuggees, recordings, dap-mode state.")
(add-hook 'kill-emacs-hook (lambda () (delete-directory rewind-test--scratch t)))

;; dap-mode and lsp-mode keep breakpoints and sessions in files: keep them here.
(defvar lsp-session-file (expand-file-name "lsp-session" rewind-test--scratch))
(defvar dap-breakpoints-file (expand-file-name "dap-breakpoints" rewind-test--scratch))

;; With -Q, Debian's elpa-* packages are not activated: activate them.
(unless (locate-library "dap-mode")
  (require 'package)
  (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
  (package-initialize))

(add-to-list 'load-path (expand-file-name "editors/emacs" rewind-test--repo))
(require 'rewind)

(setenv "REWIND_NO_BUILD" "1")
(setq rewind-program (expand-file-name "rewind" rewind-test--repo))

(defconst rewind-test--timeout 90
  "Seconds to wait for the adapter to answer or stop.")

;;; The package

(ert-deftest rewind-test-byte-compiles-without-warnings ()
  (let* ((byte-compile-error-on-warn t)
         (byte-compile-dest-file-function
          (lambda (_) (expand-file-name "rewind.elc" rewind-test--scratch)))
         (source (expand-file-name "editors/emacs/rewind.el" rewind-test--repo)))
    (should (byte-compile-file source))
    (should (file-exists-p (expand-file-name "rewind.elc" rewind-test--scratch)))))

(ert-deftest rewind-test-checkdoc-is-clean ()
  (let ((source (expand-file-name "editors/emacs/rewind.el" rewind-test--repo)))
    (when (get-buffer checkdoc-diagnostic-buffer)
      (kill-buffer checkdoc-diagnostic-buffer))
    (with-current-buffer (find-file-noselect source)
      (checkdoc-current-buffer t))
    (with-current-buffer checkdoc-diagnostic-buffer
      (goto-char (point-min))
      (let (problems)
        (while (re-search-forward "^rewind\\.el:[0-9]+: .*" nil t)
          (push (match-string 0) problems))
        (should (equal (nreverse problems) nil))))))

(ert-deftest rewind-test-provider-and-templates-registered ()
  (should (eq (gethash "rewind" dap--debug-providers) #'rewind-populate-launch-args))
  (dolist (name '("Rewind: record and debug a program" "Rewind: debug a recording"))
    (let ((template (cdr (assoc name dap-debug-template-configurations))))
      (should template)
      (should (equal (plist-get template :type) "rewind"))
      (should (equal (plist-get template :request) "launch"))))
  (should (plist-member (cdr (assoc "Rewind: debug a recording" dap-debug-template-configurations))
                        :trace)))

(ert-deftest rewind-test-commands-are-interactive-and-bound ()
  (dolist (command '(rewind-step-back rewind-reverse-continue rewind-reverse-step-out
                                      rewind-seek rewind-position))
    (should (commandp command))
    (should (where-is-internal command rewind-command-map))))

(ert-deftest rewind-test-program-configuration ()
  (let* ((default-directory "/tmp/")
         (conf (rewind-populate-launch-args
                (list :type "rewind" :program "bin/prog" :args '("-n" "3")
                      :env '(("LANG" . "C")) :stopOnEntry t))))
    (should (equal (plist-get conf :dap-server-path) (list rewind-program "dap")))
    (should (equal (plist-get conf :type) "rewind"))
    (should (equal (plist-get conf :request) "launch"))
    (should (equal (plist-get conf :program) "/tmp/bin/prog"))
    (should (equal (plist-get conf :cwd) "/tmp/"))
    (should (equal (plist-get conf :args) ["-n" "3"]))
    (should (equal (plist-get conf :env) '(("LANG" . "C"))))
    (should (eq (plist-get conf :stopOnEntry) t))
    (should (equal (plist-get conf :name) "Rewind prog"))
    (should-not (plist-member conf :trace))))

(ert-deftest rewind-test-program-template-asks-for-the-program ()
  (let* ((template (copy-tree (cdr (assoc "Rewind: record and debug a program"
                                          dap-debug-template-configurations))))
         (conf (cl-letf (((symbol-function 'read-file-name)
                          (lambda (&rest _) "/opt/app/server")))
                 (rewind-populate-launch-args template)))
         (launch (dap--plist-delete conf :dap-server-path))
         (json (let ((json-object-type 'alist) (json-array-type 'list) (json-false 'false))
                 (json-read-from-string (dap--json-encode launch)))))
    (should (equal (plist-get conf :program) "/opt/app/server"))
    (should (equal (plist-get conf :name) "Rewind: record and debug a program"))
    ;; What the adapter receives: no arguments is an empty array, stopOnEntry false.
    (should (equal (alist-get 'args json 'absent) nil))
    (should (string-match-p "\"args\":\\[\\]" (dap--json-encode launch)))
    (should (eq (alist-get 'stopOnEntry json) 'false))
    (should (equal (alist-get 'program json) "/opt/app/server"))))

(ert-deftest rewind-test-recording-configuration ()
  (let* ((template (copy-tree (cdr (assoc "Rewind: debug a recording"
                                          dap-debug-template-configurations))))
         (asked nil)
         (conf (cl-letf (((symbol-function 'read-directory-name)
                          (lambda (&rest _) (setq asked t) "/data/traces/run1/")))
                 (rewind-populate-launch-args (append template (list :start "end"))))))
    (should asked)
    (should (equal (plist-get conf :trace) "/data/traces/run1/"))
    (should (equal (plist-get conf :start) "end"))
    (should (equal (plist-get conf :dap-server-path) (list rewind-program "dap")))
    ;; The adapter refuses program-only arguments next to a trace.
    (dolist (key '(:program :args :cwd :env))
      (should-not (plist-member conf key)))))

(ert-deftest rewind-test-missing-rewind-program-is-reported ()
  (let ((rewind-program "/nonexistent/rewind"))
    (should-error (rewind-populate-launch-args (list :program "/bin/true")) :type 'user-error)))

(ert-deftest rewind-test-commands-need-a-session ()
  (cl-letf (((symbol-function 'dap--cur-session) (lambda () nil)))
    (should-error (call-interactively #'rewind-step-back))
    (should-error (call-interactively #'rewind-position))))

(ert-deftest rewind-test-traces-folder-follows-xdg-data-home ()
  (let ((process-environment (cons "XDG_DATA_HOME=/data" process-environment)))
    (should (equal (rewind--traces-folder) "/data/rewind/traces")))
  (let ((process-environment (cons "XDG_DATA_HOME=" process-environment)))
    (should (equal (rewind--traces-folder) (expand-file-name "~/.local/share/rewind/traces")))))

(defun rewind-test--fake-adapter-session (type)
  "Return a dap-mode session of provider TYPE whose adapter is a sleeping process."
  (make-dap--debug-session
   :name (concat type " session")
   :proc (make-process :name "sleeper" :command '("sleep" "60") :noquery t)
   :launch-args (list :type type)
   :output-buffer (generate-new-buffer " *rewind-test output*")
   :state 'running))

(ert-deftest rewind-test-exited-keeps-only-rewind-sessions-open ()
  (let ((dap-auto-show-output nil)
        (exited (let ((event (make-hash-table :test 'equal))
                      (body (make-hash-table :test 'equal)))
                  (puthash "exitCode" 3 body)
                  (puthash "event" "exited" event)
                  (puthash "body" body event)
                  event))
        (rewind-session (rewind-test--fake-adapter-session "rewind"))
        (other-session (rewind-test--fake-adapter-session "lldb-vscode")))
    (unwind-protect
        (progn
          (dap--on-event rewind-session exited)
          (should (eq (dap--debug-session-state rewind-session) 'running))
          (should (process-live-p (dap--debug-session-proc rewind-session)))
          (with-current-buffer (dap--debug-session-output-buffer rewind-session)
            (should (string-match-p "exited with status 3" (buffer-string))))
          ;; Other adapters' sessions end at `exited', as dap-mode has it.
          (dap--on-event other-session exited)
          (should (eq (dap--debug-session-state other-session) 'terminated)))
      (dolist (session (list rewind-session other-session))
        (delete-process (dap--debug-session-proc session))
        (kill-buffer (dap--debug-session-output-buffer session))))))

;;; Real sessions: dap-mode against `rewind dap'

(defun rewind-test--compile (name)
  "Compile the debuggee NAME.c with -g -O0 in the scratch folder; return it."
  (let ((source (expand-file-name (concat "native/tests/debuggee/" name ".c") rewind-test--repo))
        (program (expand-file-name name rewind-test--scratch)))
    (unless (file-exists-p program)
      (with-temp-buffer
        (unless (eq 0 (call-process "gcc" nil t nil "-g" "-O0" "-o" program source))
          (error "gcc failed: %s" (buffer-string)))))
    program))

(defun rewind-test--source (name)
  "Return the file name of the debuggee source NAME.c."
  (expand-file-name (concat "native/tests/debuggee/" name ".c") rewind-test--repo))

(defun rewind-test--line-of (file marker)
  "Return the line of FILE whose comment holds MARKER."
  (with-temp-buffer
    (insert-file-contents file)
    (goto-char (point-min))
    (re-search-forward (concat "/\\* " (regexp-quote marker) " \\*/"))
    (line-number-at-pos)))

(defun rewind-test--set-breakpoints (file &rest lines)
  "Replace all dap-mode breakpoints by LINES of FILE, set from its buffer."
  (lsp-workspace-set-metadata "Breakpoints" (make-hash-table :test 'equal))
  (with-current-buffer (find-file-noselect file)
    (dolist (line lines)
      (goto-char (point-min))
      (forward-line (1- line))
      (dap-breakpoint-add))))

(defun rewind-test--wait (what predicate)
  "Process input until PREDICATE is non-nil; fail naming WHAT after the timeout."
  (let ((deadline (+ (float-time) rewind-test--timeout))
        result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or result (ert-fail (list "timed out waiting for" what)))))

(defun rewind-test--wait-stop (session)
  "Wait until dap-mode shows SESSION stopped; return (LINE FUNCTION REASON)."
  (let ((frame (rewind-test--wait
                "a stop"
                (lambda ()
                  (when (memq (dap--debug-session-state session) '(terminated failed))
                    (ert-fail (list "session ended" (dap--debug-session-error-message session))))
                  (dap--debug-session-active-frame session)))))
    (list (gethash "line" frame)
          (gethash "name" frame)
          (gethash (dap--debug-session-thread-id session)
                   (dap--debug-session-thread-states session)))))

(defun rewind-test--request (session command arguments)
  "Send COMMAND with ARGUMENTS in SESSION through dap-mode; return the body."
  (let (response)
    (dap--send-message (dap--make-request command arguments)
                       (lambda (r) (setq response r))
                       session)
    (rewind-test--wait command (lambda () response))
    (unless (gethash "success" response)
      (ert-fail (list command "failed:" (gethash "message" response))))
    (gethash "body" response)))

(defun rewind-test--value (session expression)
  "Evaluate the C EXPRESSION in SESSION's current frame; return its value as text."
  (gethash "result"
           (rewind-test--request session "evaluate"
                                 (list :expression expression
                                       :frameId (gethash "id" (dap--debug-session-active-frame
                                                               session))
                                       :context "watch"))))

(defun rewind-test--position (session)
  "Return (EVENT TOTAL) from `rewind-position' in SESSION."
  (let (position)
    (rewind-position session (lambda (event total) (setq position (list event total))))
    (rewind-test--wait "rewind/position" (lambda () position))))

(defun rewind-test--shown-line ()
  "Return the file and line where dap-mode put the selected window's point."
  (with-current-buffer (window-buffer (selected-window))
    (list (and buffer-file-name (file-name-nondirectory buffer-file-name))
          (line-number-at-pos))))

(defun rewind-test--start (conf)
  "Start a dap-mode session on the Rewind configuration CONF; return it."
  (dap-debug conf)
  (let ((session (dap--cur-session)))
    (should session)
    (should (equal (dap--debug-session-name session) (plist-get conf :name)))
    session))

(defun rewind-test--end (session)
  "Disconnect SESSION and wait until its adapter has exited."
  (let ((proc (dap--debug-session-proc session)))
    (dap-delete-session session)
    (rewind-test--wait "the adapter to exit" (lambda () (not (process-live-p proc))))))

(ert-deftest rewind-test-session-travels-back ()
  "Record travel.c, then stop, continue and travel back through dap-mode."
  (let* ((program (rewind-test--compile "travel"))
         (source (rewind-test--source "travel"))
         (loop-call (rewind-test--line-of source "LOOP_CALL"))
         (loop-add (rewind-test--line-of source "LOOP_ADD"))
         (square-first (rewind-test--line-of source "SQUARE_FIRST"))
         (session nil))
    (rewind-test--set-breakpoints source loop-add)
    (unwind-protect
        (progn
          (setq session (rewind-test--start (list :type "rewind" :name "travel test"
                                                  :program program
                                                  :cwd rewind-test--scratch)))
          (should (equal (rewind-test--wait-stop session) (list loop-add "main" "breakpoint")))
          (should (equal (rewind-test--shown-line) (list "travel.c" loop-add)))
          (should (gethash "supportsStepBack" (dap--debug-session-current-capabilities session)))
          (should (equal (rewind-test--value session "i") "0"))
          (pcase-let ((`(,first-event ,total) (rewind-test--position session)))
            (should (integerp first-event))
            (should (integerp total))
            (should (<= first-event total))

            ;; Forwards with dap-mode's own command: the next iteration.
            (dap-continue session (dap--debug-session-thread-id session))
            (should (equal (rewind-test--wait-stop session) (list loop-add "main" "breakpoint")))
            (should (equal (rewind-test--value session "i") "1"))
            (should (> (car (rewind-test--position session)) first-event))

            ;; Backwards to the previous hit: the first iteration again.
            (rewind-reverse-continue session)
            (should (equal (car (rewind-test--wait-stop session)) loop-add))
            (should (equal (rewind-test--value session "i") "0"))
            (should (equal (rewind-test--value session "total") "0"))
            (should (equal (car (rewind-test--position session)) first-event))

            ;; One line back, over the call of square().
            (rewind-step-back session)
            (should (equal (butlast (rewind-test--wait-stop session)) (list loop-call "main")))
            (should (equal (rewind-test--shown-line) (list "travel.c" loop-call)))
            (should (equal (rewind-test--value session "i") "0"))

            ;; Into square(), then back out to its call site in main.
            (dap-step-in session)
            (should (equal (butlast (rewind-test--wait-stop session)) (list square-first "square")))
            (should (equal (rewind-test--value session "v") "0"))
            (rewind-reverse-step-out session)
            (should (equal (butlast (rewind-test--wait-stop session)) (list loop-call "main")))
            (should (equal (rewind-test--shown-line) (list "travel.c" loop-call)))

            ;; To an event by number.
            (dap-continue session (dap--debug-session-thread-id session))
            (rewind-test--wait-stop session)
            (rewind-seek session first-event)
            (rewind-test--wait-stop session)
            (should (equal (car (rewind-test--position session)) first-event))))
      (when session (rewind-test--end session)))))

(ert-deftest rewind-test-session-on-a-recording-from-its-end ()
  "Record travel.c with `rewind record', open it at its end, go back to the last hit."
  (let* ((program (rewind-test--compile "travel"))
         (source (rewind-test--source "travel"))
         (loop-add (rewind-test--line-of source "LOOP_ADD"))
         (trace (expand-file-name "travel-trace" rewind-test--scratch))
         (session nil))
    (with-temp-buffer
      (unless (eq 0 (call-process rewind-program nil t nil "record" "-o" trace "--" program))
        (error "rewind record failed: %s" (buffer-string))))
    (rewind-test--set-breakpoints source loop-add)
    (unwind-protect
        (progn
          (setq session (rewind-test--start
                         (list :type "rewind" :name "recording test" :trace trace :start "end")))
          ;; The end: dap-mode saw `exited', yet the session stays open for travel.
          (should (equal (nth 2 (rewind-test--wait-stop session)) "end"))
          (should (eq (dap--debug-session-state session) 'running))
          (with-current-buffer (dap--debug-session-output-buffer session)
            (should (string-match-p "the program exited with status 0" (buffer-string))))
          (rewind-reverse-continue session)
          (should (equal (rewind-test--wait-stop session) (list loop-add "main" "breakpoint")))
          (should (equal (rewind-test--value session "i") "3"))
          (rewind-step-back session)
          (should (equal (butlast (rewind-test--wait-stop session))
                         (list (rewind-test--line-of source "LOOP_CALL") "main")))
          (should (equal (rewind-test--value session "i") "3")))
      (when session (rewind-test--end session)))))

;;; rewind-test.el ends here
