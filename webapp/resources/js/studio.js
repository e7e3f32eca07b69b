/*
 * Wan Studio page helpers: the prompt's character count, a busy Generate button, local times, and the live task
 * list. The server never relies on any of this: its one-time request key stops double submits on its own.
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

    function refreshAll() {
        if (typeof window.studioRefreshTasks === "function") {
            window.studioRefreshTasks();
        }
    }

    return {
        /** The first click goes through; the button stays disabled until the answer re-renders the form. */
        beforeGenerate: function (button) {
            if (button.getAttribute("data-busy")) {
                return false;
            }
            button.setAttribute("data-busy", "true");
            generating = true;
            setTimeout(function () {
                button.disabled = true;
                button.value = "Starting…";
            });
            return true;
        },

        onGenerateEvent: function (data) {
            if (data.status === "success") {
                generating = false;
                return; // the re-rendered form brings a fresh, enabled button
            }
            if (data.status === "complete" && data.responseCode >= 400) {
                unlockGenerate();
            }
        },

        onUploadEvent: function (data) {
            var field = document.getElementById("studio:firstFrameField");
            if (field && data.status === "begin") {
                field.setAttribute("aria-busy", "true");
            }
        },

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
            if (window.faces && faces.ajax) {
                faces.ajax.addOnEvent(function (data) {
                    if (data.status === "success") {
                        bindCounters();
                        localizeTimes();
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
