import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import com.force.formula.FormulaContext;
import com.force.formula.FormulaDataType;
import com.force.formula.FormulaDateTime;
import com.force.formula.FormulaEngine;
import com.force.formula.FormulaFieldInfo;
import com.force.formula.FormulaGeolocation;
import com.force.formula.FormulaRuntimeContext;
import com.force.formula.FormulaSchema;
import com.force.formula.MockFormulaContext;
import com.force.formula.MockFormulaDataType;
import com.force.formula.MockFormulaType;
import com.force.formula.MockLocalizerContext;
import com.force.formula.MockLocation;
import com.force.formula.MockPicklistData;
import com.force.formula.RuntimeFormulaInfo;
import com.force.formula.commands.FormulaCommandInfo;
import com.force.formula.impl.FormulaAST;
import com.force.formula.impl.FormulaCommandTypeRegistryImpl;
import com.force.formula.impl.MapFormulaContext;
import com.force.formula.impl.MapFormulaContext.MapEntity;
import com.force.formula.impl.MapFormulaContext.MapFieldInfo;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The difftest's driver of Salesforce's open-source formula engine. It
 * speaks the JSON-lines protocol of the engine's shared driver (see the
 * oracle directory's README) and adds what the differential test needs:
 * fields of type Picklist and MultiselectPicklist, whose value is the API
 * name of the value selected (several joined by ";"); a record's prior
 * version ("edited": true, its fields in "prior") for ISCHANGED and
 * PRIORVALUE; and a time limit on each case counted in the CPU time of the
 * thread that evaluates it, so that a busy machine is not taken for a slow
 * engine. A case over the limit is answered as the shared driver answers
 * it, "TIMEOUT (...)"; one that the machine gives too little CPU to reach
 * the limit in WALL_LIMIT_MILLIS is answered "STALLED (...)", which is no
 * answer of the engine's.
 *
 * Run it as a source file: java -cp ENGINE_CLASSPATH Engine.java
 */
public class Engine {
    /** The CPU time a case may use, as the shared driver allows it in wall time. */
    static final long CPU_LIMIT_NANOS = 5_000_000_000L;
    /** The wall time after which a case that is not using the CPU is given up. */
    static final long WALL_LIMIT_MILLIS = 120_000L;

    /** A picklist's Java type: the engine recognises picklists by this class. */
    static final Class<?> PICKLIST = MockPicklistData.class;

    /** The column types of picklists, which the engine's mock types lack. */
    enum Picklist implements FormulaDataType {
        SINGLE, MULTI;

        @Override public String getName() { return this == SINGLE ? "Picklist" : "MultiselectPicklist"; }
        @Override public String getJavaName() { return name(); }
        @Override public String getLabel() { return getName(); }
        @Override public boolean isSimpleText() { return false; }
        @Override public boolean isBoolean() { return false; }
        @Override public boolean isInteger() { return false; }
        @Override public boolean isDecimal() { return false; }
        @Override public boolean isPercent() { return false; }
        @Override public boolean isDateTime() { return false; }
        @Override public boolean isDateOnly() { return false; }
        @Override public boolean isStaticEnum() { return this == SINGLE; }
        @Override public boolean isPickval() { return this == SINGLE; }
        @Override public boolean isMultiEnum() { return this == MULTI; }
    }

    /**
     * The formula type of a record being edited: ISCHANGED and PRIORVALUE
     * have no SQL, so the engine builds none beside such a formula.
     */
    static final class EditType implements com.force.formula.FormulaTypeSpec {
        final MockFormulaType base;
        EditType(MockFormulaType base) { this.base = base; }
        @Override public int getMaxLength() { return base.getMaxLength(); }
        @Override public String getDisplay() { return base.getDisplay(); }
        @Override public int getMaxTreeDepth() { return base.getMaxTreeDepth(); }
        @Override public boolean allowPicklistTextConversion() { return base.allowPicklistTextConversion(); }
        @Override public com.force.formula.FormulaProperties getDefaultProperties() {
            com.force.formula.FormulaProperties p = base.getDefaultProperties();
            p.setGenerateSQL(false);
            return p;
        }
    }

    static FormulaDataType dataType(String t) {
        switch (t) {
            case "Number": return MockFormulaDataType.DOUBLE;
            case "Boolean": return MockFormulaDataType.BOOLEAN;
            case "Date": return MockFormulaDataType.DATEONLY;
            case "DateTime": return MockFormulaDataType.DATETIME;
            case "Time": return MockFormulaDataType.TIMEONLY;
            case "Picklist": return Picklist.SINGLE;
            case "MultiselectPicklist": return Picklist.MULTI;
            default: return MockFormulaDataType.TEXT;
        }
    }

    public static void main(String[] args) throws Exception {
        setUpEngine();
        TimeZone.setDefault(TimeZone.getTimeZone("GMT"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isThreadCpuTimeSupported();
        if (cpuClock && !threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().isEmpty()) continue;
            JsonObject c = JsonParser.parseString(line).getAsJsonObject();
            Map<String, Object> res = Collections.synchronizedMap(new LinkedHashMap<>());
            res.put("id", c.get("id").getAsString());
            Thread worker = new Thread(() -> evalCase(c, res));
            worker.setDaemon(true);
            worker.start();
            long started = System.currentTimeMillis();
            while (worker.isAlive()) {
                worker.join(20);
                if (!worker.isAlive()) break;
                long cpu = cpuClock ? threads.getThreadCpuTime(worker.getId()) : -1;
                long wall = System.currentTimeMillis() - started;
                boolean overCpu = cpuClock ? cpu > CPU_LIMIT_NANOS : wall > CPU_LIMIT_NANOS / 1_000_000;
                if (overCpu || wall > WALL_LIMIT_MILLIS) {
                    stop(worker);
                    res.clear();
                    res.put("id", c.get("id").getAsString());
                    res.put("err", overCpu ? "TIMEOUT (java engine did not finish in 5s)"
                            : "STALLED (java engine had under 5s of CPU in " + wall / 1000 + "s)");
                    break;
                }
            }
            synchronized (res) { out.println(gson.toJson(res)); }
        }
    }

    @SuppressWarnings("deprecation")
    static void stop(Thread t) {
        try { t.stop(); } catch (Throwable ignore) { }
    }

    static void setUpEngine() {
        MockLocalizerContext.establishMock();
        List<FormulaCommandInfo> types = new ArrayList<>(FormulaCommandTypeRegistryImpl.getDefaultCommands());
        types.add(new com.force.formula.commands.FieldReferenceCommandInfo());
        types.add(new com.force.formula.commands.FunctionInitCap());
        types.add(new com.force.formula.commands.FunctionIfs());
        types.add(new com.force.formula.commands.FunctionIfError());
        types.add(new com.force.formula.commands.FunctionUnixTimestamp());
        types.add(new com.force.formula.commands.FunctionFromUnixTime());
        types.add(new com.force.formula.commands.FunctionIsoWeek());
        types.add(new com.force.formula.commands.FunctionIsoYear());
        types.add(new com.force.formula.commands.FunctionDayOfYear());
        types.add(new com.force.formula.commands.FunctionChr());
        types.add(new com.force.formula.commands.FunctionAscii());
        types.add(new com.force.formula.template.commands.FunctionLike());
        types.add(new com.force.formula.commands.FunctionIn());
        types.add(new com.force.formula.commands.BinaryMathCommandInfo("TRUNC", new com.force.formula.commands.FunctionTrunc()));
        types.add(new com.force.formula.commands.FunctionFormatDuration());
        types.add(new com.force.formula.commands.FunctionPi());
        types.add(new com.force.formula.commands.FunctionIsPickVal());
        types.add(new com.force.formula.commands.FunctionIsChanged());
        types.add(new com.force.formula.commands.FunctionPriorValue());
        FormulaEngine.setFactory(new com.force.formula.impl.FormulaFactoryImpl(new FormulaCommandTypeRegistryImpl(types)));
        FormulaEngine.setHooks(new com.force.formula.impl.FormulaValidationHooks() {
            @Override public FormulaDataType getDataTypeByName(String name) { return MockFormulaDataType.fromCamelCaseName(name); }
            @Override public com.force.formula.impl.FormulaSqlHooks getSqlStyle() { return com.force.formula.impl.sql.FormulaDefaultSqlStyle.POSTGRES; }
            @Override public FormulaGeolocation constructGeolocation(Number lat, Number lon) { return new MockLocation(lat, lon); }

            @Override public Class<?> getPicklistType() { return PICKLIST; }

            @Override public Type parseHook_getFieldReturnTypeOverride(FormulaDataType columnType, FormulaAST node,
                    FormulaContext context, FormulaSchema.Entity[] domain) {
                return columnType instanceof Picklist ? PICKLIST : null;
            }

            // The engine builds SQL beside each formula; TEXT of a picklist
            // asks the host for it, and the column itself will do.
            @Override public com.force.formula.sql.SQLPair getPicklistSQL(FormulaAST node, FormulaContext context,
                    String[] args, String[] guards, com.force.formula.impl.TableAliasRegistry registry) {
                return new com.force.formula.sql.SQLPair(args[0], guards[0]);
            }

            // A picklist's stored value is its API name here, so the value
            // ISPICKVAL looks for is the literal itself; "" is the blank.
            @Override public List<String> getUnderlyingValuesForPicklist(FormulaFieldInfo field, String value,
                    FormulaContext context, boolean forSql, boolean forJs) {
                List<String> v = new ArrayList<>(1);
                v.add(value == null ? "" : value);
                return v;
            }
        });
    }

    /** Reads fields as the protocol writes them, declaring each in infos. */
    static Map<String, Object> values(JsonObject fields, List<MapFieldInfo> infos, SimpleDateFormat dfDate)
            throws java.text.ParseException {
        Map<String, Object> input = new HashMap<>();
        if (fields == null) return input;
        for (Map.Entry<String, JsonElement> e : fields.entrySet()) {
            JsonObject fo = e.getValue().getAsJsonObject();
            String t = fo.get("t").getAsString();
            infos.add(new MapFieldInfo(e.getKey(), dataType(t), t.equals("Number") ? 4 : 0));
            JsonElement v = fo.get("v");
            Object val = null;
            if (v != null && !v.isJsonNull()) {
                String s = v.getAsString();
                switch (t) {
                    case "Number": val = new BigDecimal(s); break;
                    case "Boolean": val = Boolean.valueOf(s); break;
                    case "Date": val = dfDate.parse(s); break;
                    default: val = s;
                }
            }
            input.put(e.getKey(), val);
        }
        return input;
    }

    static void evalCase(JsonObject c, Map<String, Object> res) {
        SimpleDateFormat dfDate = new SimpleDateFormat("yyyy-MM-dd");
        dfDate.setTimeZone(TimeZone.getTimeZone("GMT"));
        SimpleDateFormat dfDT = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
        dfDT.setTimeZone(TimeZone.getTimeZone("GMT"));
        try {
            String f = c.get("f").getAsString();
            String rtype = c.has("rtype") ? c.get("rtype").getAsString() : "Text";
            boolean nan = c.has("nullAsNull") && c.get("nullAsNull").getAsBoolean();
            List<MapFieldInfo> infos = new ArrayList<>();
            Map<String, Object> input = values(c.getAsJsonObject("fields"), infos, dfDate);
            MockFormulaType base = nan ? MockFormulaType.NULLASNULL : MockFormulaType.DEFAULT;
            boolean edited = c.has("edited") && c.get("edited").getAsBoolean();
            com.force.formula.FormulaTypeSpec ft = edited ? new EditType(base) : base;
            FormulaDataType rdt = dataType(rtype);
            MapEntity ent = new MapEntity("testEntity", infos);
            MockFormulaContext mock = new MockFormulaContext(ft, rdt);
            FormulaRuntimeContext ctx;
            if (edited) {
                // A record being edited: its prior version is a second
                // record of the same fields, which ISCHANGED and
                // PRIORVALUE read.
                FormulaRuntimeContext prior = new MapFormulaContext(mock, ent, ft,
                        values(c.getAsJsonObject("prior"), new ArrayList<>(), dfDate));
                ctx = new MapFormulaContext(mock, ent, ft, input) {
                    @Override public FormulaRuntimeContext getOriginalValuesContext() { return prior; }
                };
            } else {
                ctx = new MapFormulaContext(mock, ent, ft, input);
            }
            RuntimeFormulaInfo info = FormulaEngine.getFactory().create(ft, ctx, f);
            Object r = info.getFormula().evaluate(ctx);
            if (r == null) {
                res.put("null", true);
                res.put("value", null);
                return;
            }
            String s;
            if (r instanceof BigDecimal) s = ((BigDecimal) r).toPlainString();
            else if (r instanceof FormulaDateTime) s = dfDT.format(((FormulaDateTime) r).getDate());
            else if (r instanceof java.util.Date) s = (rdt == MockFormulaDataType.DATEONLY ? dfDate : dfDT).format((java.util.Date) r);
            else s = r.toString();
            res.put("null", false);
            res.put("value", s);
            res.put("jclass", r.getClass().getSimpleName());
        } catch (Throwable t) {
            res.put("err", t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()));
        }
    }
}
