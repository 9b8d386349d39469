package com.example.shop;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * Application code on Hibernate ORM, written the way a Hibernate application writes it. Tests assert
 * sites by line: keep each call on the line its constant names, and update them together.
 */
public final class CatalogDao {
  /** {@code beginTransaction()} in {@link #add(String)}: Hibernate takes the connection to begin it. */
  public static final int ADD_LINE = 30;
  /** {@code session.find} in {@link #nameOf(long, Runnable)}: the first JDBC work of that session. */
  public static final int FIND_LINE = 41;
  /** {@code getName()} on a lazy proxy in {@link #lazyName(long)}: the proxy loads the row. */
  public static final int LAZY_LINE = 51;
  /** {@code beginTransaction()} in {@link #renameSlowly(long, String, Runnable)}, which holds the connection to commit. */
  public static final int HOLD_LINE = 62;

  private final SessionFactory sessions;

  public CatalogDao(SessionFactory sessions) {
    this.sessions = sessions;
  }

  /** Persists a product in its own transaction. */
  public long add(String name) {
    try (Session session = sessions.openSession()) {
      Transaction tx = session.beginTransaction();
      Product p = new Product(name);
      session.persist(p);
      tx.commit();
      return p.getId();
    }
  }

  /** Loads a product outside a transaction, then does more work while the session stays open. */
  public String nameOf(long id, Runnable moreWork) {
    try (Session session = sessions.openSession()) {
      String name = session.find(Product.class, id).getName();
      moreWork.run();
      return name;
    }
  }

  /** Takes a lazy reference and reads through it. */
  public String lazyName(long id) {
    try (Session session = sessions.openSession()) {
      Product p = session.getReference(Product.class, id);
      return p.getName();
    }
  }

  /**
   * Loads in a transaction, then does more work before committing: the transaction holds its
   * connection across all of it. (Outside a transaction Hibernate 6 gives the connection back after
   * each statement, so {@link #nameOf(long, Runnable)} holds it only for the select.)
   */
  public String renameSlowly(long id, String newName, Runnable moreWork) {
    try (Session session = sessions.openSession()) {
      Transaction tx = session.beginTransaction();
      Product p = session.find(Product.class, id);
      moreWork.run();
      p.rename(newName);
      tx.commit();
      return p.getName();
    }
  }
}
