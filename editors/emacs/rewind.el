;;; rewind.el --- Time-travel debugging with Rewind in dap-mode  -*- lexical-binding: t; -*-

;; Author: The Rewind developers
;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1") (dap-mode "0.7"))
;; Keywords: tools, debug, c

;; This file is not part of GNU Emacs.

;;; Commentary:

;; Connects dap-mode to Rewind, a time-travel debugger for native Linux
;; programs.  Loading this file registers the dap-mode debug provider
;; "rewind", which starts `rewind dap' (the Debug Adapter Protocol over
;; stdin/stdout), and two templates for `dap-debug':
;;
;;   "Rewind: record and debug a program"  records the program, then debugs
;;                                          the replay;
;;   "Rewind: debug a recording"            debugs a recording made earlier
;;                                          with `rewind record'.
;;
;; dap-mode has no commands for going backwards, so this file adds them:
;; `rewind-step-back', `rewind-reverse-continue', `rewind-reverse-step-out'
;; (back to the call site in the caller), `rewind-seek' (to an event number)
;; and `rewind-position' (where the replay is).  They send their requests
;; through dap-mode's own session, so the stop that follows is shown by
;; dap-mode as any other.  `rewind-command-map' holds them for a prefix key:
;;
;;   (require 'rewind)
;;   (global-set-key (kbd "C-c r") 'rewind-command-map)
;;
;; dap-mode ends a session when the adapter reports `exited'.  Rewind reports
;; it at the end of the recording, where the user may still travel back, so
;; for Rewind sessions this file shows the exit status instead.

;;; Code:

(require 'dap-mode)
(require 'seq)

(defgroup rewind nil
  "Time-travel debugging with Rewind."
  :group 'dap-mode
  :prefix "rewind-")

(defcustom rewind-program "rewind"
  "The Rewind command: a name on variable `exec-path' or an absolute file name.
The debug adapter is started as this command with the argument \"dap\"."
  :type 'string)

(defconst rewind-provider-type "rewind"
  "The `dap-mode' debug provider type: the :type of Rewind configurations.")

(defconst rewind--program-only-keys '(:program :args :cwd :env)
  "Launch keys for recording a program; the adapter refuses them with :trace.")

(defun rewind--traces-folder ()
  "Return the folder where `rewind record' puts recordings made without -o."
  (let ((data (getenv "XDG_DATA_HOME")))
    (expand-file-name "rewind/traces"
                      (if (> (length data) 0) data (expand-file-name "~/.local/share")))))

(defun rewind--read-trace ()
  "Ask for a recording's folder, offering the latest recording."
  (let* ((folder (rewind--traces-folder))
         (latest (expand-file-name "latest" folder)))
    (read-directory-name "Rewind recording: "
                         (and (file-directory-p folder) (file-name-as-directory folder))
                         (and (file-exists-p latest) latest)
                         t)))

(defun rewind--plist-remove (plist keys)
  "Return a copy of PLIST without KEYS."
  (let (result)
    (while plist
      (unless (memq (car plist) keys)
        (setq result (cons (cadr plist) (cons (car plist) result))))
      (setq plist (cddr plist)))
    (nreverse result)))

(defun rewind--plist-remove-nil (plist keys)
  "Return a copy of PLIST without those of KEYS whose value is nil."
  (rewind--plist-remove plist (seq-filter (lambda (key) (and (plist-member plist key)
                                                              (null (plist-get plist key))))
                                          keys)))

(defun rewind--adapter-command ()
  "Return the command line of the Rewind debug adapter (DAP on stdin/stdout)."
  (unless (executable-find rewind-program)
    (user-error "Rewind: cannot run `%s'; set `rewind-program' to the rewind command"
                rewind-program))
  (list rewind-program "dap"))

(defun rewind-populate-launch-args (conf)
  "Complete the Rewind launch configuration CONF for `dap-debug' and return it.
CONF is a plist.  With a :trace key (even nil), it debugs that recording,
asking for the folder when the value is nil.  Otherwise it records :program
\(asked for when missing) with :args, :cwd (default: `default-directory')
and :env, then debugs the replay.  :stopOnEntry and :start (\"end\" or an
event number) pass through.  The result starts `rewind-program' with the
argument \"dap\", talking on stdin/stdout."
  (let* ((conf (copy-sequence conf))
         (trace-p (plist-member conf :trace)))
    (setq conf (plist-put conf :type rewind-provider-type))
    (setq conf (plist-put conf :request (or (plist-get conf :request) "launch")))
    (setq conf (plist-put conf :dap-server-path (rewind--adapter-command)))
    (if trace-p
        (progn
          (setq conf (plist-put conf :trace (expand-file-name (or (plist-get conf :trace)
                                                                  (rewind--read-trace)))))
          (setq conf (rewind--plist-remove-nil conf rewind--program-only-keys))
          (setq conf (plist-put conf :name (or (plist-get conf :name) "Rewind recording"))))
      (let ((program (or (plist-get conf :program)
                         (read-file-name "Program to record: " nil nil t))))
        (setq conf (plist-put conf :program (expand-file-name program)))
        (setq conf (plist-put conf :cwd (expand-file-name (or (plist-get conf :cwd)
                                                              default-directory))))
        ;; A vector, so that no arguments is the JSON array [] rather than null.
        (setq conf (plist-put conf :args (vconcat (plist-get conf :args))))
        (setq conf (rewind--plist-remove-nil conf '(:env)))
        (setq conf (plist-put conf :name (or (plist-get conf :name)
                                             (concat "Rewind "
                                                     (file-name-nondirectory program)))))))
    (rewind--plist-remove-nil conf '(:start :stopOnEntry))))

(dap-register-debug-provider rewind-provider-type #'rewind-populate-launch-args)

(dap-register-debug-template "Rewind: record and debug a program"
                             (list :type rewind-provider-type
                                   :request "launch"
                                   :program nil
                                   :args nil
                                   :cwd nil
                                   :stopOnEntry :json-false))

(dap-register-debug-template "Rewind: debug a recording"
                             (list :type rewind-provider-type
                                   :request "launch"
                                   :trace nil))

;;; The end of the recording

;; At the end of the recording the adapter sends `exited' (with the recorded
;; status), then a stop: the session stays open so that the user can travel
;; back.  dap-mode 0.7 takes `exited' as the end of the session and refuses
;; every later request, so for Rewind sessions only, `exited' is shown in the
;; output buffer instead of being passed on.

(defun rewind--session-p (session)
  "Return non-nil when SESSION was started from a Rewind configuration."
  (equal (plist-get (dap--debug-session-launch-args session) :type) rewind-provider-type))

(defun rewind--on-event (on-event session event)
  "Around `dap--on-event' (ON-EVENT): keep Rewind's SESSION open at EVENT `exited'."
  (if (and (rewind--session-p session) (equal (gethash "event" event) "exited"))
      (let ((body (gethash "body" event)))
        (dap--print-to-output-buffer
         session
         (format "Rewind: end of the recording: the program exited with status %s.\n%s\n"
                 (and body (gethash "exitCode" body))
                 "Travel back (rewind-reverse-continue, rewind-step-back) or disconnect.")))
    (funcall on-event session event)))

(advice-add 'dap--on-event :around #'rewind--on-event)

(defun rewind-unload-function ()
  "Undo the advice of `dap--on-event' when rewind.el is unloaded."
  (advice-remove 'dap--on-event #'rewind--on-event)
  nil)

;;; Time travel

(defun rewind--session ()
  "Return the current `dap-mode' session, which must be a live Rewind session."
  (let ((session (dap--cur-active-session-or-die)))
    (unless (gethash "supportsStepBack" (dap--debug-session-current-capabilities session))
      (user-error "Session %s cannot go backwards: it is not a Rewind session"
                  (dap--debug-session-name session)))
    session))

(defun rewind--stopped-thread (session)
  "Return the id of SESSION's selected thread, which must be stopped."
  (or (dap--debug-session-thread-id session)
      (user-error "No stopped thread: wait for the program to stop, or pause it")))

(defun rewind--travel (session command arguments)
  "Send COMMAND with ARGUMENTS to SESSION, and let `dap-mode' await the stop.
The adapter answers, then reports where the travel ended with a `stopped'
event, which `dap-mode' handles as after any step.  Should the adapter
refuse, the thread is shown stopped where it still is."
  (let ((thread-id (dap--debug-session-thread-id session)))
    (dap--send-message (dap--make-request command arguments)
                       (dap--resp-handler
                        nil
                        (lambda (reason)
                          (message "Rewind: %s failed: %s" command reason)
                          (when (and thread-id (dap--session-running session))
                            (dap--select-thread-id session thread-id t))))
                       session)
    (dap--resume-application session)))

(defun rewind-step-back (session)
  "Step back in SESSION to the previous line of the same frame.
Calls made by that line are stepped over."
  (interactive (list (rewind--session)))
  (rewind--travel session "stepBack" (list :threadId (rewind--stopped-thread session))))

(defun rewind-reverse-continue (session)
  "Run SESSION backwards to the previous breakpoint hit, or to the start."
  (interactive (list (rewind--session)))
  (rewind--travel session "reverseContinue" (list :threadId (rewind--stopped-thread session))))

(defun rewind-reverse-step-out (session)
  "Go back in SESSION to the call of the current function, in its caller."
  (interactive (list (rewind--session)))
  (rewind--travel session "rewind/reverseStepOut"
                  (list :threadId (rewind--stopped-thread session))))

(defun rewind-seek (session event)
  "Travel in SESSION to the moment before the recorded EVENT.
The travel goes forwards or backwards, as needed."
  (interactive (list (rewind--session) (read-number "Seek to event: ")))
  (unless (and (integerp event) (>= event 0))
    (user-error "An event number is an integer >= 0, not %s" event))
  (rewind--stopped-thread session)
  (rewind--travel session "rewind/seek" (list :event event)))

(defun rewind-position (session &optional callback)
  "Show where SESSION's replay is: \"event N of TOTAL\".
With CALLBACK, give it the event number and the total number of events
\(nil while unknown) instead of showing them."
  (interactive (list (rewind--session)))
  (dap--send-message
   (dap--make-request "rewind/position")
   (dap--resp-handler
    (lambda (response)
      (let* ((body (gethash "body" response))
             (event (gethash "event" body))
             (total (gethash "totalEvents" body)))
        (if callback
            (funcall callback event total)
          (message (if total (format "Rewind: event %d of %d" event total)
                     (format "Rewind: event %d" event))))))
    (lambda (reason) (message "Rewind: no position: %s" reason)))
   session))

(defvar rewind-command-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "b") #'rewind-step-back)
    (define-key map (kbd "r") #'rewind-reverse-continue)
    (define-key map (kbd "o") #'rewind-reverse-step-out)
    (define-key map (kbd "s") #'rewind-seek)
    (define-key map (kbd "p") #'rewind-position)
    map)
  "Rewind's time-travel commands, for a prefix key of the user's choice.")
(fset 'rewind-command-map rewind-command-map)

(provide 'rewind)
;;; rewind.el ends here
