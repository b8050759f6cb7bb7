package dev.breakfix.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.breakfix.diagnosis.Msg;

/**
 * The geometry of a timeline chart, in SVG user units: a time axis from the Pod's creation to a little after now
 * (or after the predicted attempt), one track per container, a mark per attempt, the gap between attempts written
 * above it where there is room, a "now" line and the predicted attempt. Times are shown from the Pod's creation
 * ({@code m:ss}); each mark's title has the clock time and where the point comes from.
 */
public record TimelineChart(String pod, int width, int height, int left, int right, int nowX, String nowOffset,
        List<Tick> ticks, List<Track> tracks, List<ContainerTimeline> containers, boolean anyInferred) {

    static final int WIDTH = 680;
    static final int LEFT = 92;
    static final int RIGHT_MARGIN = 24;
    static final int TOP = 30;
    static final int TRACK = 74;
    static final int MIN_GAP_LABEL = 30;
    private static final long[] STEPS = { 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400 };
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public record Tick(int x, String label) {
    }

    public record Mark(int x, int y, String kind, boolean inferred, int number, String offset, String title) {
    }

    public record GapLabel(int x, int y, String text, boolean inferred) {
    }

    public record Next(int x, int y, String kind, String offset, String title, boolean due, boolean capped) {
    }

    public record Track(String container, String state, int y, List<Mark> marks, List<GapLabel> gaps, Next next,
            int lineFrom, int lineTo) {
    }

    /** The chart of a timeline in English; null when there is nothing to draw (no container has tried anything yet). */
    public static TimelineChart of(PodTimeline t) {
        return of(t, Locale.ENGLISH);
    }

    /** The chart of a timeline, its titles and notes in {@code locale}; null when there is nothing to draw. */
    public static TimelineChart of(PodTimeline t, Locale locale) {
        if (t == null || !t.hasAttempts()) {
            return null;
        }
        Instant since = t.since();
        Instant end = t.now();
        for (ContainerTimeline c : t.containers()) {
            if (since == null || !c.attempts().isEmpty() && c.attempts().get(0).at().isBefore(since)) {
                since = c.attempts().isEmpty() ? since : c.attempts().get(0).at();
            }
            if (c.next() != null && c.next().at().isAfter(end)) {
                end = c.next().at();
            }
        }
        long span = Math.max(30, Duration.between(since, end).toSeconds());
        span += Math.max(10, span / 12);
        int plot = WIDTH - LEFT - RIGHT_MARGIN;
        Scale scale = new Scale(since, span, LEFT, plot);

        List<Tick> ticks = new ArrayList<>();
        long step = STEPS[STEPS.length - 1];
        for (long s : STEPS) {
            if (span / s <= 7) {
                step = s;
                break;
            }
        }
        for (long s = 0; s <= span; s += step) {
            ticks.add(new Tick(scale.x(since.plusSeconds(s)), offset(s)));
        }

        List<Track> tracks = new ArrayList<>();
        List<ContainerTimeline> drawn = t.containers().stream().filter(c -> !c.attempts().isEmpty()).map(c -> c.in(locale))
                .toList();
        boolean anyInferred = false;
        for (int i = 0; i < drawn.size(); i++) {
            ContainerTimeline c = drawn.get(i);
            int y = TOP + 34 + i * TRACK;
            List<Mark> marks = new ArrayList<>();
            for (Attempt a : c.attempts()) {
                anyInferred |= a.inferred();
                long s = Duration.between(since, a.at()).toSeconds();
                marks.add(new Mark(scale.x(a.at()), y, a.kind().name().toLowerCase(java.util.Locale.ROOT), a.inferred(),
                        a.number(), offset(s), title(a, s, locale)));
            }
            List<GapLabel> gaps = new ArrayList<>();
            for (Gap g : c.gaps()) {
                Attempt.Kind kind = c.attempts().stream().filter(a -> a.number() == g.before()).findFirst()
                        .map(Attempt::kind).orElse(Attempt.Kind.START);
                List<Attempt> same = c.attempts().stream().filter(a -> a.kind() == kind).toList();
                Attempt b = same.stream().filter(a -> a.number() == g.before()).findFirst().orElse(null);
                Attempt a = b == null ? null : same.stream().filter(x -> x.number() == g.before() - 1).findFirst().orElse(null);
                if (a == null) {
                    continue;
                }
                int x1 = scale.x(a.at());
                int x2 = scale.x(b.at());
                if (x2 - x1 >= MIN_GAP_LABEL) {
                    gaps.add(new GapLabel((x1 + x2) / 2, y - 14, duration(g.seconds(), locale), g.inferred()));
                }
            }
            Next next = null;
            int lineTo = marks.isEmpty() ? LEFT : marks.get(marks.size() - 1).x();
            if (c.next() != null) {
                Prediction p = c.next();
                int x = scale.x(p.at());
                String at = offset(Duration.between(since, p.at()).toSeconds());
                next = new Next(x, y, p.kind().name().toLowerCase(java.util.Locale.ROOT), at,
                        Msg.of(p.capped() ? "tl.nextTitleCapped" : "tl.nextTitle", kind(p.kind()), Integer.toString(p.number()),
                                CLOCK.format(p.at()), p.basis()).render(locale),
                        p.due(), p.capped());
                lineTo = x;
            }
            tracks.add(new Track(c.container(), c.state(), y, List.copyOf(marks), List.copyOf(gaps), next,
                    marks.isEmpty() ? LEFT : marks.get(0).x(), lineTo));
        }
        int height = TOP + 34 + drawn.size() * TRACK - 14;
        return new TimelineChart(t.pod(), WIDTH, height, LEFT, WIDTH - RIGHT_MARGIN, scale.x(t.now()),
                offset(Duration.between(since, t.now()).toSeconds()), List.copyOf(ticks), List.copyOf(tracks),
                drawn, anyInferred);
    }

    private record Scale(Instant since, long span, int left, int plot) {
        int x(Instant t) {
            double s = Duration.between(since, t).toMillis() / 1000.0;
            return left + (int) Math.round(Math.max(0, Math.min(span, s)) * plot / span);
        }
    }

    private static String title(Attempt a, long offset, Locale locale) {
        return Msg.of(a.inferred() ? "tl.markInferred" : "tl.markObserved", kind(a.kind()), Integer.toString(a.number()),
                CLOCK.format(a.at()), offset(offset), a.basis()).render(locale);
    }

    private static Msg kind(Attempt.Kind kind) {
        return Msg.of(kind == Attempt.Kind.PULL ? "tl.pull" : "tl.start");
    }

    /** {@code m:ss} from the Pod's creation; {@code h:mm:ss} past an hour. */
    public static String offset(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** A gap as people say it: {@code 15 s}, {@code 2 min 40 s}. */
    public static String duration(long seconds) {
        return duration(seconds, Locale.ENGLISH);
    }

    /** A gap as people say it in {@code locale}: {@code 15 s}, {@code 2 min 40 s}; {@code 15 秒}, {@code 2 分 40 秒}. */
    public static String duration(long seconds, Locale locale) {
        if (seconds < 60) {
            return Msg.of("tl.seconds", Long.toString(seconds)).render(locale);
        }
        long m = seconds / 60;
        long s = seconds % 60;
        return s == 0 ? Msg.of("tl.minutes", Long.toString(m)).render(locale)
                : Msg.of("tl.minutesSeconds", Long.toString(m), Long.toString(s)).render(locale);
    }
}
