package io.bourse.engine;

/** How long a limit order may work: rest until cancelled, fill what it can now, or fill all now or nothing. */
public enum TimeInForce {
    GTC, IOC, FOK
}
