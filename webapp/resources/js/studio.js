/*
 * Wan Studio page helpers: the prompt's character count, a busy Generate button, local times, and the live task
 * list. The server never relies on any of this: its one-time request key stops double submits on its own.
 *
 * The page's Ajax calls are made here rather than with f:ajax: Mojarra renders f:ajax as inline event handlers
 * (onclick="mojarra.ab(...)"), which the page's Content-Security-Policy (no 'unsafe-inline') does not run.
 * Elements say what to do with data attributes: data-ajax-render (ids to re-render), data-ajax-execute (ids to
 * process; default the element itself), data-ajax-keyup (also on typing, after this many ms), data-upload-with
 * (a file input uploaded at once, with that hidden command button as the Ajax source).
 */
var studio = (function () {
    "use strict";

    var REFRESH_ONE = "tasks:refreshOne";
    var socketOpenedBefore = false;
    /** While a submit is on its way, its own answer brings the new task's card. */
    var generating = false;

    /** The provider counts Unicode code points, not UTF-16 units; so do we. */
    function codePoints(text) {
        return Array.from(text || "").length;
    }

    function updateCount(counter) {
        var field = document.getElementById(counter.getAttribute("data-count-for"));
        if (!field) {
            return;
        }
        var max = parseInt(counter.getAttribute("data-max"), 10);
        var used = codePoints(field.value);
        counter.textContent = used + " / " + max;
        counter.classList.toggle("over", used > max);
    }

    function bindCounters() {
        document.querySelectorAll("[data-count-for]").forEach(function (counter) {
            var field = document.getElementById(counter.getAttribute("data-count-for"));
            if (field && !field.dataset.counted) {
                field.dataset.counted = "true";
                field.addEventListener("input", function () {
                    updateCount(counter);
                });
            }
            updateCount(counter);
        });
    }

    function localizeTimes() {
        document.querySelectorAll("time[datetime]").forEach(function (time) {
            var date = new Date(time.getAttribute("datetime"));
            if (!isNaN(date.getTime())) {
                time.textContent = date.toLocaleString([], {
                    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
                });
                time.title = date.toString();
            }
        });
    }

    function showError(text) {
        var box = document.querySelector(".ajax-error");
        if (!box) {
            box = document.createElement("div");
            box.className = "ajax-error";
            box.setAttribute("role", "alert");
            document.body.appendChild(box);
        }
        box.textContent = text;
        clearTimeout(showError.timer);
        showError.timer = setTimeout(function () {
            box.remove();
        }, 8000);
    }

    /** After a failed request the form is not re-rendered: give the button back by hand. */
    function unlockGenerate() {
        generating = false;
        var button = document.getElementById("studio:generate");
        if (button) {
            button.disabled = false;
            button.removeAttribute("data-busy");
            button.value = "Generate video";
        }
    }

    /** Task progress bars: widths set through the CSSOM, since the policy refuses inline style attributes. */
    function showProgress() {
        document.querySelectorAll(".progress-bar[data-progress]").forEach(function (bar) {
            var percent = parseInt(bar.getAttribute("data-progress"), 10);
            bar.style.width = (isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent))) + "%";
        });
    }

    function ajax(source, event, execute, render, onevent) {
        var options = {execute: execute || source.id, render: render, onevent: onevent};
        if (source.type === "submit") {
            // a command's action runs only when the request says it was activated (also from the Enter key)
            options["jakarta.faces.behavior.event"] = "action";
        }
        faces.ajax.request(source, event, options);
    }

    /** The Generate button: the first click goes through; it stays busy until the answer re-renders the form. */
    function generate(button, event) {
        if (button.getAttribute("data-busy")) {
            return;
        }
        button.setAttribute("data-busy", "true");
        generating = true;
        button.disabled = true;
        button.value = button.getAttribute("data-busy-label") || button.value;
        // (a disabled button is still a valid Ajax source; its own id is sent as jakarta.faces.source)
        ajax(button, event, button.getAttribute("data-ajax-execute"), button.getAttribute("data-ajax-render"),
                onGenerateEvent);
    }

    function onGenerateEvent(data) {
        if (data.status === "success") {
            generating = false;
            return; // the re-rendered form brings a fresh, enabled button
        }
        if (data.status === "complete" && data.responseCode >= 400) {
            unlockGenerate();
        }
    }

    /**
     * A chosen file is uploaded at once. Mojarra would send a multipart Ajax request through a hidden iframe,
     * whose answer the policy's frame-ancestors 'none' refuses to frame; so it is sent here with XMLHttpRequest
     * and the partial response handed to faces.ajax.response like any other.
     */
    function upload(input) {
        var form = input.form;
        var sourceId = input.getAttribute("data-upload-with");
        var render = input.getAttribute("data-ajax-render");
        var field = document.getElementById("studio:firstFrameField");
        if (field) {
            field.setAttribute("aria-busy", "true");
        }
        var data = new FormData(form);
        data.append("jakarta.faces.source", sourceId);
        data.append("jakarta.faces.behavior.event", "action");
        data.append("jakarta.faces.partial.ajax", "true");
        data.append("jakarta.faces.partial.execute", input.id + " " + sourceId);
        data.append("jakarta.faces.partial.render", render);
        data.append(sourceId, sourceId);
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("Faces-Request", "partial/ajax");
        xhr.onload = function () {
            if (xhr.status === 200) {
                faces.ajax.response(xhr, {sourceid: sourceId, formId: form.id, render: render});
            } else {
                uploadFailed();
            }
        };
        xhr.onerror = uploadFailed;
        xhr.send(data);
    }

    function uploadFailed() {
        var field = document.getElementById("studio:firstFrameField");
        if (field) {
            field.setAttribute("aria-busy", "false");
        }
        showError("The file could not be sent. Please try again.");
    }

    /** Event delegation: elements re-rendered by Ajax keep working without binding anything again. */
    function bindAjax() {
        document.addEventListener("click", function (event) {
            var button = event.target.closest && event.target.closest("input[type=submit][data-ajax-render]");
            if (!button) {
                return;
            }
            event.preventDefault();
            if (button.id === "studio:generate") {
                generate(button, event);
            } else {
                ajax(button, event, button.getAttribute("data-ajax-execute"), button.getAttribute("data-ajax-render"));
            }
        });
        document.addEventListener("change", function (event) {
            var target = event.target;
            if (target.getAttribute && target.getAttribute("data-upload-with")) {
                if (target.files && target.files.length > 0) {
                    upload(target);
                }
                return;
            }
            var host = target.closest && target.closest("[data-ajax-render]:not(input[type=submit])");
            if (host) {
                ajax(host, event, host.getAttribute("data-ajax-execute") || host.id,
                        host.getAttribute("data-ajax-render"));
            }
        });
        document.addEventListener("keyup", function (event) {
            var target = event.target;
            var delay = target.getAttribute && parseInt(target.getAttribute("data-ajax-keyup"), 10);
            if (!delay || event.key === "Enter" || event.key === "Tab") {
                return;
            }
            clearTimeout(target.ajaxTimer);
            target.ajaxTimer = setTimeout(function () {
                ajax(target, null, target.id, target.getAttribute("data-ajax-render"));
            }, delay);
        });
        // Enter in a field of the form starts the task, as the form's main button (not "Remove" or "Upload").
        document.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.key !== "Enter" || !target.form || target.form.id !== "studio" || target.tagName !== "INPUT"
                    || target.type === "submit" || target.type === "file") {
                return;
            }
            event.preventDefault();
            var button = document.getElementById("studio:generate");
            if (button) {
                generate(button, event);
            }
        });
    }

    function refreshAll() {
        if (typeof window.studioRefreshTasks === "function") {
            window.studioRefreshTasks();
        }
    }

    return {
        /** A task changed: re-render its card only, so that videos in other cards keep playing. */
        onTaskChanged: function (message) {
            var card = message && document.querySelector('[data-task-id="' + message.id + '"]');
            if (card && card.id && document.getElementById(REFRESH_ONE)) {
                faces.ajax.request(REFRESH_ONE, null, {
                    "jakarta.faces.behavior.event": "action",
                    execute: REFRESH_ONE,
                    render: card.id,
                    params: {taskId: message.id}
                });
            } else if (!generating) {
                refreshAll(); // a task this page does not show yet, e.g. made in another tab
            }
        },

        /** After a reconnect, pushes may have been missed: catch up once. */
        onSocketOpen: function () {
            if (socketOpenedBefore) {
                refreshAll();
            }
            socketOpenedBefore = true;
        },

        init: function () {
            bindCounters();
            localizeTimes();
            showProgress();
            bindAjax();
            if (window.faces && faces.ajax) {
                faces.ajax.addOnEvent(function (data) {
                    if (data.status === "success") {
                        bindCounters();
                        localizeTimes();
                        showProgress();
                    }
                });
                faces.ajax.addOnError(function (data) {
                    if (/ViewExpired/.test(data.errorName || "")) {
                        window.location.reload(); // the page was open too long; start afresh
                        return;
                    }
                    unlockGenerate();
                    showError("Something went wrong talking to the server. Please try again.");
                });
            }
        }
    };
})();

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", studio.init);
} else {
    studio.init();
}
