package dev.leash.event;

import java.util.List;

/**
 * What one live holder thread was doing when a report was made: its state and its current top frames
 * (the first few, plus the first application frame when it is further down). Next to where the thread took
 * its connection, this tells "held while calling a slow service" or "waiting on a lock" apart from a leak.
 */
public final class HolderThread {

  private final String name;
  private final String state;
  private final boolean inStatement;
  private final List<StackTraceElement> frames;
  private final int applicationFrame;

  /**
   * @param state {@link Thread.State} as a string ({@code RUNNABLE}, {@code WAITING}, ...)
   * @param inStatement whether its connection was inside a statement then
   * @param frames its current frames, innermost first, Leash's own left out
   * @param applicationFrame index in {@code frames} of the first application frame, or -1
   */
  public HolderThread(String name, String state, boolean inStatement, List<StackTraceElement> frames, int applicationFrame) {
    this.name = name;
    this.state = state;
    this.inStatement = inStatement;
    this.frames = List.copyOf(frames);
    this.applicationFrame = applicationFrame;
  }

  public String name() {
    return name;
  }

  public String state() {
    return state;
  }

  public boolean inStatement() {
    return inStatement;
  }

  /** Unmodifiable. */
  public List<StackTraceElement> frames() {
    return frames;
  }

  /** Index in {@link #frames()} of the first application frame, or -1 when none is among them. */
  public int applicationFrame() {
    return applicationFrame;
  }
}
