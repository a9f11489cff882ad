package io.userstore.shell;

import io.userstore.domain.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

/** A progress bar with rate and ETA on stderr (me.tongfei:progressbar), for a terminal. */
final class ProgressBars implements Progress {

    private final PrintStream err;
    private ProgressBar bar;

    ProgressBars(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String what, long events) {
        finish();
        bar = new ProgressBarBuilder().setTaskName(what).setInitialMax(Math.max(events, 1))
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(err)).setMaxRenderedLength(120)
                .setSpeedUnit(ChronoUnit.SECONDS).build();
    }

    @Override
    public void advance(long events) {
        if (bar != null) {
            bar.stepBy(events);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.maxHint(bar.getCurrent()); // the total was an upper bound: end at 100%
            bar.close();
            bar = null;
        }
    }
}
