package dev.leash.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the calls to {@link dev.leash.agent.bootstrap.LeashHooks} into the JDBC methods of one class, with
 * ASM alone (the copy inside the relocated Byte Buddy; about forty classes against Byte Buddy's twelve hundred,
 * which is what made the agent slow to start). What each woven method does, in Java terms:
 *
 * <pre>
 * Connection getConnection(..) {              // DataSource: dataSourceEnter / dataSourceExit
 *   boolean outermost = LeashHooks.dataSourceEnter(this);
 *   try { body; on return r: LeashHooks.dataSourceExit(outermost, this, r, null); return r; }
 *   catch (Throwable t) { LeashHooks.dataSourceExit(outermost, this, null, t); throw t; }
 * }
 * </pre>
 *
 * and likewise {@code Driver.connect} ({@code acquireEnter}, {@code driverExit(outermost, connection, url)}),
 * {@code Connection.close/abort} ({@code closeEnter(this)}, {@code closeExit}), {@code Connection.createStatement/
 * prepareStatement/prepareCall} ({@code createEnter}, {@code createExit(outermost, this, statement)}) and
 * {@code Statement.execute*} ({@code executeEnter(this)}, {@code executeExit(token)}). The hooks catch everything
 * themselves, so nothing from Leash reaches the method's caller.
 *
 * <p>No new member, no change to the class's shape (so retransformation on attach may apply it): three locals
 * after the method's own (the enter hook's result, the value returned or thrown, and {@code this} or the URL), one catch-all handler after its own handlers (so theirs still run first), and the
 * stack map frames extended by the new local. Frames are never computed, so no class is loaded while weaving.
 */
final class JdbcWeaver {

  private static final String HOOKS = "dev/leash/agent/bootstrap/LeashHooks";
  private static final String OBJECT = "java/lang/Object";
  private static final String THROWABLE = "java/lang/Throwable";

  private static final int GET_CONNECTION = 1;
  private static final int CONNECT = 2;
  private static final int CLOSE = 3;
  private static final int CREATE = 4;
  private static final int EXECUTE = 5;

  private static final Set<String> CREATES = Set.of("createStatement", "prepareStatement", "prepareCall");
  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
      "executeLargeUpdate", "executeLargeBatch");

  private JdbcWeaver() {}

  /**
   * The class with its JDBC methods woven, for a class implementing the interfaces in {@code kinds}
   * ({@link JdbcTypes} bits); null when it declares none of their methods.
   */
  static byte[] weave(byte[] bytes, int kinds) {
    ClassReader reader = new ClassReader(bytes);
    Map<String, Integer> maxLocals = new HashMap<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        if (hook(access, name, desc, kinds) == 0) {
          return null;
        }
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMaxs(int maxStack, int locals) {
            maxLocals.put(name + desc, locals);
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (maxLocals.isEmpty()) {
      return null;
    }
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      private boolean frames;

      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        frames = (version & 0xFFFF) >= Opcodes.V1_6;
        super.visit(version, access, name, signature, superName, interfaces);
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        Integer locals = maxLocals.get(name + desc);
        return locals == null ? mv : new Woven(mv, hook(access, name, desc, kinds), locals, frames);
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** Which hook a method gets in a class of {@code kinds}, 0 for none: public, concrete, non-static methods only. */
  private static int hook(int access, String name, String desc, int kinds) {
    if ((access & Opcodes.ACC_PUBLIC) == 0 || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) != 0) {
      return 0;
    }
    if ((kinds & JdbcTypes.DATA_SOURCE) != 0 && name.equals("getConnection")) {
      int n = Type.getArgumentTypes(desc).length;
      return n == 0 || n == 2 ? GET_CONNECTION : 0;
    }
    if ((kinds & JdbcTypes.DRIVER) != 0 && name.equals("connect")) {
      return desc.startsWith("(Ljava/lang/String;") && Type.getArgumentTypes(desc).length == 2 ? CONNECT : 0;
    }
    if ((kinds & JdbcTypes.CONNECTION) != 0) {
      if ((name.equals("close") && desc.startsWith("()")) || (name.equals("abort") && Type.getArgumentTypes(desc).length == 1)) {
        return CLOSE;
      }
      if (CREATES.contains(name)) {
        return CREATE;
      }
    }
    if ((kinds & JdbcTypes.STATEMENT) != 0 && EXECUTES.contains(name)) {
      return EXECUTE;
    }
    return 0;
  }

  /** One woven method: enter call before the body, exit call before each return and in a catch-all handler. */
  private static final class Woven extends MethodVisitor {
    private final int hook;
    /** The enter hook's result (boolean, or the execute token), just after the method's own locals. */
    private final int outermost;
    /** The value being returned or thrown, while the exit hook is called. */
    private final int value;
    /**
     * {@code this} (or {@code connect}'s URL), saved at entry: generated code (JDK proxies) reuses even the
     * parameters' slots, so the handler cannot count on any of the method's own locals.
     */
    private final int saved;
    private final boolean frames;
    private final Label start = new Label();
    private final Label handler = new Label();
    private boolean begun;

    Woven(MethodVisitor mv, int hook, int maxLocals, boolean frames) {
      super(Opcodes.ASM9, mv);
      this.hook = hook;
      this.outermost = maxLocals;
      this.value = maxLocals + 1;
      this.saved = maxLocals + 2;
      this.frames = frames;
    }

    /** Before the first label or instruction, i.e. after the method's own try-catch blocks: ours comes last. */
    private void begin() {
      if (begun) {
        return;
      }
      begun = true;
      super.visitTryCatchBlock(start, handler, handler, THROWABLE);
      switch (hook) {
        case GET_CONNECTION:
          super.visitVarInsn(Opcodes.ALOAD, 0);
          super.visitVarInsn(Opcodes.ASTORE, saved);
          super.visitVarInsn(Opcodes.ALOAD, saved);
          hook("dataSourceEnter", "(Ljava/lang/Object;)Z");
          break;
        case CONNECT:
          super.visitVarInsn(Opcodes.ALOAD, 1);
          super.visitVarInsn(Opcodes.ASTORE, saved);
          hook("acquireEnter", "()Z");
          break;
        case CLOSE:
          super.visitVarInsn(Opcodes.ALOAD, 0);
          hook("closeEnter", "(Ljava/lang/Object;)Z");
          break;
        case CREATE:
          super.visitVarInsn(Opcodes.ALOAD, 0);
          super.visitVarInsn(Opcodes.ASTORE, saved);
          hook("createEnter", "()Z");
          break;
        default:
          super.visitVarInsn(Opcodes.ALOAD, 0);
          hook("executeEnter", "(Ljava/lang/Object;)Ljava/lang/Object;");
          super.visitVarInsn(Opcodes.ASTORE, outermost);
          super.visitLabel(start);
          return;
      }
      super.visitVarInsn(Opcodes.ISTORE, outermost);
      super.visitLabel(start);
    }

    /** Before a return: the returned value (an object, or null for other returns) goes to the exit hook. */
    private void exit(int returnOpcode) {
      if (hook == CLOSE) {
        super.visitVarInsn(Opcodes.ILOAD, outermost);
        hook("closeExit", "(Z)V");
        return;
      }
      if (hook == EXECUTE) {
        super.visitVarInsn(Opcodes.ALOAD, outermost);
        hook("executeExit", "(Ljava/lang/Object;)V");
        return;
      }
      if (returnOpcode == Opcodes.ARETURN) {
        super.visitInsn(Opcodes.DUP);
        super.visitVarInsn(Opcodes.ASTORE, value);
      } else {
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, value);
      }
      super.visitVarInsn(Opcodes.ILOAD, outermost);
      switch (hook) {
        case GET_CONNECTION:
          super.visitVarInsn(Opcodes.ALOAD, saved);
          super.visitVarInsn(Opcodes.ALOAD, value);
          super.visitInsn(Opcodes.ACONST_NULL);
          hook("dataSourceExit", "(ZLjava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V");
          break;
        case CONNECT:
          super.visitVarInsn(Opcodes.ALOAD, value);
          super.visitVarInsn(Opcodes.ALOAD, saved);
          hook("driverExit", "(ZLjava/lang/Object;Ljava/lang/String;)V");
          break;
        default:
          super.visitVarInsn(Opcodes.ALOAD, saved);
          super.visitVarInsn(Opcodes.ALOAD, value);
          hook("createExit", "(ZLjava/lang/Object;Ljava/lang/Object;)V");
          break;
      }
    }

    /** The catch-all handler: the exit hook with what was thrown (or with no result), then rethrow. */
    private void handler() {
      super.visitLabel(handler);
      if (frames) {
        Object[] locals = handlerLocals();
        super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {THROWABLE});
      }
      super.visitVarInsn(Opcodes.ASTORE, value);
      switch (hook) {
        case GET_CONNECTION:
          super.visitVarInsn(Opcodes.ILOAD, outermost);
          super.visitVarInsn(Opcodes.ALOAD, saved);
          super.visitInsn(Opcodes.ACONST_NULL);
          super.visitVarInsn(Opcodes.ALOAD, value);
          hook("dataSourceExit", "(ZLjava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V");
          break;
        case CONNECT:
          super.visitVarInsn(Opcodes.ILOAD, outermost);
          super.visitInsn(Opcodes.ACONST_NULL);
          super.visitVarInsn(Opcodes.ALOAD, saved);
          hook("driverExit", "(ZLjava/lang/Object;Ljava/lang/String;)V");
          break;
        case CLOSE:
          super.visitVarInsn(Opcodes.ILOAD, outermost);
          hook("closeExit", "(Z)V");
          break;
        case CREATE:
          super.visitVarInsn(Opcodes.ILOAD, outermost);
          super.visitVarInsn(Opcodes.ALOAD, saved);
          super.visitInsn(Opcodes.ACONST_NULL);
          hook("createExit", "(ZLjava/lang/Object;Ljava/lang/Object;)V");
          break;
        default:
          super.visitVarInsn(Opcodes.ALOAD, outermost);
          hook("executeExit", "(Ljava/lang/Object;)V");
          break;
      }
      super.visitVarInsn(Opcodes.ALOAD, value);
      super.visitInsn(Opcodes.ATHROW);
    }

    /** The handler's locals: none of the method's own (see {@link #saved}), then ours. */
    private Object[] handlerLocals() {
      return withOurs(new java.util.ArrayList<>(), 0);
    }

    /** An original frame's locals with ours added after them. */
    private Object[] extended(Object[] given, int count) {
      java.util.List<Object> out = new java.util.ArrayList<>(count + 4);
      int slots = 0;
      for (int i = 0; i < count; i++) {
        Object t = given[i];
        out.add(t);
        slots += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
      }
      return withOurs(out, slots);
    }

    private Object[] withOurs(java.util.List<Object> out, int slots) {
      for (; slots < outermost; slots++) {
        out.add(Opcodes.TOP);
      }
      out.add(hook == EXECUTE ? OBJECT : Opcodes.INTEGER);
      if (hook == GET_CONNECTION || hook == CREATE || hook == CONNECT) {
        out.add(Opcodes.TOP); // value: set only right before each use
        out.add(hook == CONNECT ? "java/lang/String" : OBJECT);
      }
      return out.toArray();
    }

    private void hook(String name, String desc) {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, desc, false);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      begin();
      Object[] locals = extended(local, numLocal);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
    }

    @Override
    public void visitInsn(int opcode) {
      begin();
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        exit(opcode);
      }
      super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      begin();
      handler();
      super.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitLabel(Label label) {
      begin();
      super.visitLabel(label);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      begin();
      super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      begin();
      super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      begin();
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      begin();
      super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      begin();
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
        Object... bootstrapArguments) {
      begin();
      super.visitInvokeDynamicInsn(name, descriptor, bootstrap, bootstrapArguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      begin();
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object constant) {
      begin();
      super.visitLdcInsn(constant);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      begin();
      super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      begin();
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      begin();
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      begin();
      super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
  }
}
