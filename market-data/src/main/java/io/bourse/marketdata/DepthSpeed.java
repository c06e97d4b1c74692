package io.bourse.marketdata;

/** The diff-depth stream speeds: {@code <symbol>@depth@100ms} and {@code <symbol>@depth} (every 1000 ms). */
public enum DepthSpeed {
    MS_100(100),
    MS_1000(1000);

    private final int millis;

    DepthSpeed(int millis) {
        this.millis = millis;
    }

    public int millis() {
        return millis;
    }
}
