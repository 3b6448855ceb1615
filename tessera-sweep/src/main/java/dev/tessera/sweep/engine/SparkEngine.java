package dev.tessera.sweep.engine;

import dev.tessera.sweep.point.Point;
import dev.tessera.sweep.point.PointResult;
import dev.tessera.sweep.point.PointRunner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs points as one Spark job with a task per point, on whatever master the sweep names:
 * {@code local[*]} (embedded, the default), a standalone {@code spark://} master, YARN or Kubernetes.
 *
 * <p>Each finished task's result comes back to the driver through the job's result handler, which
 * only queues it; the sweep's thread takes results from the queue and writes them, so rows land
 * on disk while the job is still running, and a slow disk never stalls Spark's scheduler.
 */
public final class SparkEngine implements Engine {
    private static final long POLL_MS = 200;

    private final JavaSparkContext spark;

    /**
     * Starts Spark for a sweep. {@code conf} holds the {@code --spark-conf} settings, which win over
     * the defaults chosen here.
     */
    public SparkEngine(String master, String appName, Map<String, String> conf) {
        if (master.equals("yarn")
                && System.getenv("HADOOP_CONF_DIR") == null
                && System.getenv("YARN_CONF_DIR") == null) {
            // Without it Hadoop's client retries 0.0.0.0:8032 for many minutes, silently (as spark-submit checks too).
            throw new EngineException(
                    "--master yarn needs HADOOP_CONF_DIR or YARN_CONF_DIR set to the cluster's "
                            + "Hadoop configuration folder",
                    null);
        }
        SparkConf c = SparkSettings.of(master, appName, conf);
        try {
            this.spark = new JavaSparkContext(c);
        } catch (RuntimeException e) {
            throw new EngineException("Spark could not start on master " + master + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void run(List<Point> points, Consumer<PointResult> onResult) throws InterruptedException {
        if (points.isEmpty()) return;
        BlockingQueue<PointResult> arrived = new LinkedBlockingQueue<>();
        JavaRDD<Point> rdd = spark.parallelize(points, points.size());
        List<Object> partitions = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) partitions.add(i);
        SimpleFutureAction<BoxedUnit> job = spark.sc()
                .submitJob(
                        rdd.rdd(),
                        new RunPoints(),
                        CollectionConverters.asScala(partitions).toList(),
                        new Enqueue(arrived),
                        new Done());
        int received = 0;
        try {
            while (received < points.size()) {
                PointResult r = arrived.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (r != null) {
                    received++;
                    onResult.accept(r);
                } else if (job.isCompleted() && arrived.isEmpty()) {
                    job.get(); // throws the job's failure; a job that finished has delivered every result
                    break;
                }
            }
        } catch (SparkException e) {
            throw new EngineException(
                    "the Spark job failed after " + received + " of " + points.size() + " points: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            job.cancel();
            throw e;
        }
    }

    @Override
    public int parallelism() {
        return spark.sc().defaultParallelism();
    }

    @Override
    public String describe() {
        return "Spark " + spark.version() + ", master " + spark.master() + " (" + parallelism() + " cores)";
    }

    @Override
    public void stopping() {
        try {
            // Spark logs every task it can no longer run as an ERROR with a stack trace.
            spark.setLogLevel("OFF");
        } catch (RuntimeException e) {
            // already torn down: nothing left to say anything
        }
    }

    @Override
    public void close() {
        spark.stop();
    }

    /** Executor side: the point of this task's partition, run and reported. */
    private static final class RunPoints extends AbstractFunction1<Iterator<Point>, List<PointResult>>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public List<PointResult> apply(Iterator<Point> points) {
            String executor = SparkEnv.get().executorId();
            List<PointResult> out = new ArrayList<>(1);
            while (points.hasNext()) out.add(PointRunner.run(points.next(), executor));
            return out;
        }
    }

    /** Driver side, on Spark's scheduler thread: queue and return at once. */
    private static final class Enqueue extends AbstractFunction2<Object, List<PointResult>, BoxedUnit> {
        private final BlockingQueue<PointResult> queue;

        Enqueue(BlockingQueue<PointResult> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, List<PointResult> results) {
            queue.addAll(results);
            return BoxedUnit.UNIT;
        }
    }

    private static final class Done extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
