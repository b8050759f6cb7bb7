package dev.breakfix.bench;

import java.util.Map;

/** Every figure of one class size, for Breakfix and for the baseline. All durations in nanoseconds. */
final class SizeResult {

    int learners;
    int labs;

    // start-up (the same LabService.start for both)
    long startWall;
    long startP50;
    long startP99;
    long startRequests; // app requests while starting
    Map<String, Long> startRequestKinds;
    long brokenWall; // from the first start until every lab shows its broken state in the cache
    long fixtureRequests;

    // grading under load
    Latencies gradeBreakfix = new Latencies();
    Latencies gradeBaseline = new Latencies();
    // the same grades: CPU time of the grading thread, and time from the start of the call (no queueing)
    Latencies gradeBreakfixCpu = new Latencies();
    Latencies gradeBreakfixService = new Latencies();
    Latencies gradeBaselineCpu = new Latencies();
    Latencies gradeBaselineService = new Latencies();
    // an empty action on a pool like the grading one, at the same rate, at the same time: how late the
    // harness and the machine (CPU run queue, GC pauses of the whole JVM) start any action
    Latencies noopBreakfix = new Latencies();
    Latencies noopBaseline = new Latencies();
    // load average (1 min) when the active windows began and ended
    String loadBreakfix = "";
    String loadBaseline = "";
    double gradeRateBreakfix;
    double gradeRateBaseline;
    long gradeAloneBreakfix; // mean ns of one grade, one thread, nothing else running
    long gradeAloneBaseline;
    long gradeAloneBreakfixCpu; // CPU time of the grading thread alone (the baseline's excludes the mock's work)
    long gradeAloneBaselineCpu;

    // status to page
    Latencies pageSse = new Latencies();
    Latencies pageListener = new Latencies();
    Latencies pagePoll = new Latencies();
    Latencies statusWriteBreakfix = new Latencies();
    Latencies statusWriteBaseline = new Latencies();

    // requests per minute at the API server
    double idleBreakfix;
    double idleBaseline;
    double activeBreakfix;
    double activeBaseline;
    double activeFixtureBreakfix;
    double activeFixtureBaseline;

    // heap after full GC (bytes)
    long heapAll; // the server's JVM: the app and the bench's clients
    long heapAppCache;
    long heapCluster; // the cluster process: mock API server with every object, the fixture's informers
    long heapEmpty;

    long gcCount; // collections of the server's JVM during the Breakfix active window
    long gcMillis;
    double activeSeconds;

    long sseConnected;
    long errors;
}
