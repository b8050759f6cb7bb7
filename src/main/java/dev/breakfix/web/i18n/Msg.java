package dev.breakfix.web.i18n;

import dev.breakfix.web.pages.LabStatus;
import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the learner's pages, in English; {@code messages/msg_zh.properties} holds the Chinese. Templates
 * use {@code {msg:key}}, Java code {@link Messages#of(java.util.Locale)}. Strings for the pages' JavaScript are
 * handed over as data attributes (keys starting with {@code js}); {@code %n} and {@code %s} there are filled in
 * by the script.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    // ---- the language itself ----

    /** The page's language, for {@code <html lang>}. */
    @Message("en")
    String htmlLang();

    @Message("Language")
    String language();

    /** The other language a learner can switch to: its code and its name in its own language. */
    @Message("zh")
    String otherLangCode();

    @Message("中文")
    String otherLangName();

    @Message("Read this page in Chinese")
    String otherLangTitle();

    // ---- frame (web/base) ----

    @Message("Labs")
    String pageLabs();

    @Message("Skip to content")
    String skipLink();

    @Message("Breakfix home")
    String brandHome();

    @Message("When things go wrong")
    String courseName();

    @Message("Main")
    String navMain();

    @Message("All labs")
    String navAllLabs();

    @Message("Signed in as {name}")
    String signedInAs(String name);

    @Message("Leave")
    String leave();

    @Message("The Kubernetes cluster cannot be reached.")
    String clusterDown();

    @Message("What to do")
    String whatToDo();

    @Message("Point Breakfix at a cluster (set KUBECONFIG, or run it inside the cluster with deploy/). Breakfix reconnects on its own as soon as the cluster answers.")
    String clusterHelp();

    @Message("Your labs and progress are safe: they live in the cluster and come back as soon as it answers again.")
    String clusterSafe();

    @Message("Breakfix · Kubernetes troubleshooting labs")
    String footer();

    // ---- join page ----

    @Message("Join the class")
    String joinTitle();

    @Message("Hands-on Kubernetes troubleshooting")
    String joinEyebrow();

    @Message("Break it. Read it. Fix it.")
    String joinHeading();

    @Message("Five broken workloads in a namespace of your own. Use `kubectl` the way the chapter “When things go wrong” does, watch the cluster react live, and get your fix checked the moment it runs.")
    String joinLead();

    @Message("Pending Pods, failed image pulls, crash loops")
    String joinPoint1();

    @Message("Pods and events update live as you work")
    String joinPoint2();

    @Message("A grader that knows a crash loop from a fix")
    String joinPoint3();

    @Message("Join your class")
    String joinCardTitle();

    @Message("Joining is closed.")
    String joinClosed();

    @Message("Your instructor has not set a join code yet (`breakfix.web.join-code`). Ask them to open the class.")
    String joinClosedHelp();

    @Message("Your name")
    String joinName();

    @Message("e.g. Ada Lovelace")
    String joinNamePlaceholder();

    @Message("Use the same name on every device to continue where you left off.")
    String joinNameHelp();

    @Message("Join code")
    String joinCode();

    @Message("from your instructor")
    String joinCodePlaceholder();

    @Message("Join and start learning")
    String joinSubmit();

    @Message("Please choose another name: {reason}.")
    String joinBadName(String reason);

    @Message("That join code is not right. Ask your instructor for the class code.")
    String joinBadCode();

    // ---- labs list ----

    @Message("Your labs")
    String labsTitle();

    @Message("Chapter · When things go wrong")
    String labsEyebrow();

    @Message("Each lab breaks a workload in a namespace of your own. Investigate with `kubectl`, fix it, and press “Check my fix”.")
    String labsLead();

    @Message("Course progress")
    String labsProgress();

    @Message("{fixed} of {total} labs fixed")
    String labsProgressAria(long fixed, int total);

    @Message("{fixed} of {total} fixed")
    String labsProgressLabel(long fixed, int total);

    @Message("passed {when}")
    String labsPassed(String when);

    @Message("started {when}")
    String labsStarted(String when);

    @Message("Start lab")
    String startLab();

    @Message("Starting…")
    String starting();

    @Message("Read first")
    String readFirst();

    @Message("Review")
    String review();

    @Message("Continue")
    String continueLab();

    @Message("{#when status}{#is FIXED}Fixed{#is BROKEN}Broken{#else}Not started{/when}")
    String status(LabStatus status);

    @Message("Fixed")
    String statusFixed();

    @Message("{#if n == 1}1 check{#else}{n} checks{/if}")
    String checks(int n);

    // ---- not found ----

    @Message("Not found")
    String notFound();

    @Message("Back to your labs")
    String backToLabs();

    @Message("There is no lab by that name.")
    String noSuchLab();

    // ---- lab page: header ----

    @Message("Breadcrumb")
    String breadcrumb();

    @Message("Lab {number} of {total}")
    String labNumber(int number, int total);

    @Message("Namespace")
    String namespace();

    @Message("Passed {when}")
    String passedWhen(String when);

    @Message("Open a terminal")
    String openATerminal();

    @Message("(new tab)")
    String newTab();

    @Message("Download kubeconfig")
    String downloadKubeconfig();

    @Message("The lab could not be started: {reason}")
    String startFailed(String reason);

    @Message("Instructions")
    String instructions();

    @Message("Ready when you are")
    String readyTitle();

    @Message("Starting creates your namespace `{namespace}` and the broken workload in it. It takes a few seconds.")
    String readyText(String namespace);

    @Message("The instructions are still being prepared. Reload the page in a moment.")
    String textPending();

    // ---- lab page: hints ----

    @Message("Hints")
    String hints();

    @Message("This lab has no hints.")
    String noHints();

    @Message("Hint {n}")
    String hint(int n);

    @Message("Reveal hint {n} of {total}")
    String revealHint(int n, int total);

    @Message("Start the lab to use its {total} hints.")
    String hintsNotStarted(int total);

    @Message("All {total} hints revealed.")
    String hintsAllRevealed(int total);

    // ---- lab page: solution and pager ----

    @Message("The chapter's solution")
    String solutionTitle();

    @Message("Opens once your fix passes. Try the hints first.")
    String solutionLocked();

    @Message("Other labs")
    String otherLabs();

    @Message("← Previous")
    String previous();

    @Message("Next →")
    String next();

    @Message("Change the image in place")
    String stepSetImage();

    @Message("The image is one of the few fields of a live Pod that may change.")
    String stepSetImageNote();

    @Message("Label a node with your own label")
    String stepLabelNode();

    @Message("Your lab account may not label nodes: the “Label a node” tool on this page does exactly this.")
    String stepLabelNodeNote();

    @Message("Delete the Pod and create it again with the fix")
    String stepRecreate();

    @Message("Most of a live Pod's spec cannot change, so an apply over it is refused.")
    String stepRecreateNote();

    @Message("Apply the changed manifest")
    String stepApply();

    // ---- lab page: check ----

    @Message("Your cluster")
    String yourCluster();

    @Message("Check my fix")
    String checkMyFix();

    @Message("Passes when `{workload}` is Running, ready, the same workload, and stays up for the stability window.")
    String checkExplain(String workload);

    // ---- lab page: live panel ----

    @Message("Updates live")
    String liveTitle();

    @Message("Live")
    String live();

    @Message("Nothing here yet.")
    String liveEmpty();

    @Message("Start the lab to see its Pods and events as `kubectl` shows them, live.")
    String liveEmptyText();

    @Message("No resources found in {namespace} namespace.")
    String noResources(String namespace);

    @Message("Logs")
    String logs();

    @Message("Previous")
    String previousLogs();

    @Message("Delete Pod")
    String deletePod();

    @Message("The lab is not started.")
    String summaryNotStarted();

    @Message("No Pods in {namespace}.")
    String summaryNoPods(String namespace);

    @Message("Pod {pod}: {status}.")
    String summaryPod(String pod, String status);

    // ---- lab page: logs ----

    @Message("last 200 lines")
    String last200();

    @Message("Close the log")
    String closeLog();

    @Message("Close")
    String close();

    @Message("The previous run of {container} printed nothing.")
    String logPreviousEmpty(String container);

    @Message("{container} has printed nothing (yet).")
    String logEmpty(String container);

    @Message("No log yet: {container} has not terminated before, so there is no previous run to show.")
    String logNoPrevious(String container);

    @Message("No log yet: {container} has not started. ({reason})")
    String logNotStarted(String container, String reason);

    @Message("No log yet. ({reason})")
    String logNone(String reason);

    @Message("The cluster cannot be reached: {reason}")
    String logClusterDown(String reason);

    @Message("No such Pod")
    String noSuchPod();

    @Message("There is no Pod by that name in your lab now.")
    String noSuchPodText();

    @Message("No such container")
    String noSuchContainer();

    @Message("Pod {pod} has no container by that name.")
    String noSuchContainerText(String pod);

    // ---- lab page: tools ----

    @Message("Act on your lab")
    String toolsTitle();

    @Message("Each tool does what its `kubectl` command does, inside your namespace and with your lab's rights.")
    String toolsLead();

    @Message("Your own kubectl")
    String ownKubectl();

    @Message("A shell in your browser with `kubectl` set up for `{namespace}`, or a kubeconfig for the kubectl on your computer. Both act with your rights only.")
    String ownKubectlText(String namespace);

    @Message("Open terminal")
    String openTerminal();

    @Message("Set image")
    String setImage();

    @Message("Container")
    String container();

    @Message("Image")
    String image();

    @Message("e.g. nginx")
    String imagePlaceholder();

    @Message("Edit and apply YAML")
    String editYaml();

    @Message("Manifest (YAML)")
    String manifestLabel();

    @Message("The live manifest of {name} loads here.")
    String manifestPlaceholder(String name);

    @Message("Reload live manifest")
    String reloadManifest();

    @Message("Apply")
    String apply();

    @Message("Label a node")
    String labelNode();

    @Message("Puts your own label on a node, and no other. Nodes are shared: your label schedules only your Pod.")
    String labelNodeText();

    @Message("Node")
    String node();

    @Message("has your label")
    String hasYourLabel();

    @Message("Label node")
    String labelNodeButton();

    @Message("Remove label")
    String removeLabel();

    // ---- lab page: reset ----

    @Message("Start over")
    String startOver();

    @Message("Reset deletes what is in your namespace and brings back the exact broken state.")
    String resetText();

    @Message("Reset lab…")
    String resetOpen();

    @Message("Reset this lab?")
    String resetTitle();

    @Message("Everything in `{namespace}` is deleted and the broken workload is created again. Your checks and any pass are kept.")
    String resetDesc(String namespace);

    @Message("Cancel")
    String cancel();

    @Message("Reset lab")
    String resetConfirm();

    @Message("Lab reset")
    String resetDone();

    @Message("The broken workload is back, as it was at the start. Your attempts and any earlier pass are kept.")
    String resetDoneText();

    // ---- lab page: grade ----

    @Message("Fixed! Nicely done.")
    String gradePassed();

    @Message("Score {score}/{max}")
    String score(int score, int max);

    @Message("first passed {when}")
    String firstPassed(String when);

    @Message("Next lab: {title} →")
    String nextLab(String title);

    @Message("That was the last lab: see your progress →")
    String lastLab();

    @Message("Running. Making sure it stays up…")
    String gradeSettling();

    @Message("{#if n == 1}Stable for 1 more second…{#else}Stable for {n} more seconds…{/if}")
    String stableFor(long n);

    @Message("A crash loop also looks Running for a moment, so the check waits out the stability window and then looks again.")
    String settlingExplain();

    @Message("Not fixed yet")
    String gradeFailed();

    @Message("Checks")
    String checksLabel();

    @Message("Fixed: the workload is Running, ready and stable.")
    String gradePassedSummary();

    /** The title of a grader check, by its id (dev.breakfix.grading.CheckResult.Check). */
    @Message("{#when id}{#is 'present'}The workload exists{#is 'identity'}It is the same workload: name, containers and program{#is 'running'}Every container is running and ready{#is 'stable'}It stays up without a restart for the stability window{#else}{id}{/when}")
    String checkTitle(String id);

    @Message(": passed")
    String checkPassed();

    @Message(": in progress")
    String checkPending();

    @Message(": failed")
    String checkFailed();

    @Message("{#if n == 1}Diagnosis of 1 Pod{#else}Diagnosis of {n} Pods{/if}")
    String diagnosisOf(int n);

    // ---- lab page: debugging questions (dev.breakfix.questions) and the back-off timeline (dev.breakfix.timeline) ----

    @Message("What did you find?")
    String qTitle();

    @Message("Answer what you found while debugging. Right answers add to your score; spaces and capital letters do not matter. Resetting the lab clears your answers.")
    String qLead();

    @Message("Right.")
    String qRight();

    @Message("Not right yet. Look again and try once more.")
    String qWrong();

    @Message("attempt")
    String qAttempt();

    @Message("attempts")
    String qAttempts();

    @Message("Your answer could not be sent:")
    String qError();

    @Message("Answer")
    String qAnswer();

    @Message("point")
    String qPoint();

    @Message("points")
    String qPoints();

    @Message("Start the lab to answer.")
    String qStart();

    @Message("Attempts over time")
    String tlTitle();

    @Message("Each time the kubelet pulled the image or started the container, and the wait before it tries again.")
    String tlLead();

    @Message("Image pulls and container starts of Pod {pod}, from its creation until now")
    String tlSvgTitle(String pod);

    @Message("container start")
    String tlKeyStart();

    @Message("image pull")
    String tlKeyPull();

    @Message("inferred")
    String tlKeyInferred();

    @Message("next attempt, predicted")
    String tlKeyNext();

    @Message("Times from the Pod's creation (m:ss). The back-off doubles from 10 s after each failure, up to 5 minutes.")
    String tlKeyNote();

    @Message("Attempts as a list")
    String tlList();

    @Message("Attempts of container {container}")
    String tlListOf(String container);

    /** One attempt in the timeline's list: {@code kind} is PULL or START, {@code basis} already in the page's language. */
    @Message("{#if kind == 'PULL'}Pull{#else}Start{/if} {number}: {at}, {#if inferred}inferred{#else}observed{/if} ({basis})")
    String tlAttempt(String kind, int number, java.time.Instant at, boolean inferred, String basis);

    @Message("Next pull ({number}): ")
    String tlNextPull(int number);

    @Message("Next start ({number}): ")
    String tlNextStart(int number);

    @Message("due now")
    String tlDueNow();

    @Message("about {at}")
    String tlAbout(java.time.Instant at);

    /** The chart's "now" line, at m:ss from the Pod's creation. */
    @Message("now {offset}")
    String tlNowAt(String offset);

    /** The predicted attempt's label on the chart, at m:ss from the Pod's creation. */
    @Message("next ~{offset}")
    String tlNextAt(String offset);

    @Message("next: due now")
    String tlNextDueLabel();

    @Message(", after a back-off of {seconds} s.")
    String tlBackoff(long seconds);

    @Message(", after a back-off of {seconds} s, the maximum.")
    String tlBackoffCapped(long seconds);

    @Message("No image pull or container start yet: the Pod has not been given to a kubelet, or it has only just been.")
    String tlEmpty();

    // ---- lab page: dead ends (dev.breakfix.diagnosis coaching), labels where a diagnosis has no explanation ----

    @Message("Dead end")
    String deadEnd();

    @Message("Why")
    String deadEndWhy();

    @Message("Instead")
    String deadEndInstead();

    // ---- lab page: notices from the controls ----

    @Message("This lab is not started")
    String notStarted();

    @Message("Start the lab first: it creates your namespace and the broken workload.")
    String notStartedText();

    @Message("Busy")
    String busy();

    @Message("No such lab")
    String noSuchLabTitle();

    @Message("The cluster cannot be reached")
    String clusterUnreachable();

    @Message("The cluster did not answer")
    String clusterNoAnswer();

    @Message("Breakfix cannot reach the Kubernetes cluster right now. Try again in a moment.")
    String clusterNoAnswerText();

    @Message("The Kubernetes API answered {code}: {message}")
    String apiAnswered(int code, String message);

    // ---- relative times ----

    @Message("just now")
    String agoNow();

    @Message("a minute ago")
    String agoMinute();

    @Message("{n} minutes ago")
    String agoMinutes(long n);

    @Message("an hour ago")
    String agoHour();

    @Message("{n} hours ago")
    String agoHours(long n);

    @Message("yesterday")
    String agoYesterday();

    @Message("{n} days ago")
    String agoDays(long n);

    // ---- breakfix.js ----

    @Message("Copy")
    String jsCopy();

    @Message("Copy command")
    String jsCopyCommand();

    @Message("Copied")
    String jsCopied();

    @Message("Press Ctrl+C")
    String jsPressCtrlC();

    @Message("Stable for %n more second…")
    String jsStableOne();

    @Message("Stable for %n more seconds…")
    String jsStableMany();

    @Message("Checking again…")
    String jsCheckingAgain();

    @Message("Done")
    String jsDone();

    @Message("Refused")
    String jsRefused();

    @Message("Dismiss")
    String jsDismiss();

    @Message("Refused by the API server: a Pod cannot change like that")
    String jsPodImmutable();

    @Message("Refused by the API server")
    String jsApiRefused();

    /** The explanation of a refused change to a live Pod's spec (the message above it lists the fields). */
    @Message("A Pod's spec is mostly immutable: once a Pod exists, Kubernetes lets you change only its containers' images and activeDeadlineSeconds, and add tolerations. Your manifest changes other fields (listed above), so the API server refuses to update the Pod in place. Delete the Pod and create it again from the manifest, or run the workload as a Deployment, whose controller replaces its Pods when the Pod template changes.")
    String podImmutableExplain();

    @Message("Not applied: the manifest breaks the lab’s rules")
    String jsManifestRefused();

    @Message("Please check your input")
    String jsInvalidRequest();

    @Message("Not found in your lab")
    String jsNotFound();

    @Message("Busy: try again in a moment")
    String jsConflict();

    @Message("That manifest is too large")
    String jsTooLarge();

    @Message("Error %n")
    String jsError();

    @Message("No answer")
    String jsNoAnswer();

    @Message("Breakfix did not answer: %s")
    String jsNoAnswerText();

    @Message("No live manifest")
    String jsNoManifest();

    @Message("created")
    String jsCreated();

    @Message("configured")
    String jsConfigured();

    @Message("unchanged")
    String jsUnchanged();

    @Message("deleted")
    String jsDeleted();

    // ---- terminal page and terminal.js ----

    @Message("Terminal")
    String termTitle();

    @Message("Back to the lab")
    String termBack();

    @Message("kubectl's default namespace")
    String termNsTitle();

    @Message("namespace")
    String termNs();

    @Message("Connecting…")
    String termConnecting();

    @Message("Reconnect")
    String termReconnect();

    @Message("Terminal: a shell with kubectl for {learner}'s lab {namespace}")
    String termAria(String learner, String namespace);

    @Message("The terminal needs JavaScript. You can also download a kubeconfig and use your own kubectl.")
    String termNoScript();

    @Message("The terminal is for learners.")
    String termLearnersOnly();

    @Message("Starting your terminal…")
    String jsTermStarting();

    @Message("Connected")
    String jsTermConnected();

    @Message("Error")
    String jsTermError();

    @Message("Disconnected")
    String jsTermDisconnected();

    @Message("Your session has ended: sign in again.")
    String jsTermSessionEnded();

    @Message("The connection was lost.")
    String jsTermLost();

    @Message("The terminal is closed.")
    String jsTermClosed();

    @Message("Press Enter or click Reconnect to start a new shell.")
    String jsTermRestart();

    @Message("The shell ended.")
    String jsTermShellEnded();

    @Message("The shell ended (exit code %n).")
    String jsTermShellEndedCode();
}
