package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Download;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.FormatResult;
import dev.acepipe.client.Health;
import dev.acepipe.client.InitResult;
import dev.acepipe.client.LoraResult;
import dev.acepipe.client.LoraStatus;
import dev.acepipe.client.ModelInfo;
import dev.acepipe.client.ModelInventory;
import dev.acepipe.client.RandomSample;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A pool lane's client: every call to the server runs outside the {@link RunLock}, so while one
 * server answers slowly (a download, an upload, a hung connection) the other servers' drivers go
 * on. Everything a call streams through (hashing, take checks measured as the bytes arrive) runs
 * outside the lock as well. Subclasses may wrap single calls ({@link #around}).
 */
class UnlockedClient implements AceStepClient {
  private final AceStepClient delegate;
  private final RunLock lock;

  UnlockedClient(AceStepClient delegate, RunLock lock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Runs one call to the server; by default outside the run's lock. */
  <T> T around(Supplier<T> call) {
    return lock.outside(call);
  }

  @Override
  public String baseUrl() {
    return delegate.baseUrl();
  }

  @Override
  public Health health() {
    return around(delegate::health);
  }

  @Override
  public ServerProfile profile() {
    return around(delegate::profile);
  }

  @Override
  public List<ModelInfo> models() {
    return around(delegate::models);
  }

  @Override
  public ModelInventory modelInventory() {
    return around(delegate::modelInventory);
  }

  @Override
  public ServerStats stats() {
    return around(delegate::stats);
  }

  @Override
  public Submission submit(TaskRequest request) {
    return around(() -> delegate.submit(request));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    return around(() -> delegate.submitWithUpload(request, localAudio));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path source, Path reference) {
    return around(() -> delegate.submitWithUpload(request, source, reference));
  }

  @Override
  public List<TaskStatus> query(List<String> taskIds) {
    return around(() -> delegate.query(taskIds));
  }

  @Override
  public Download download(String fileUrl, Path target) {
    return around(() -> delegate.download(fileUrl, target));
  }

  @Override
  public Download download(String fileUrl, Path target, OutputStream tee) {
    return around(() -> delegate.download(fileUrl, target, tee));
  }

  @Override
  public boolean probe(String serverPath) {
    return around(() -> delegate.probe(serverPath));
  }

  @Override
  public FormatResult formatInput(FormatRequest request) {
    return around(() -> delegate.formatInput(request));
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    return around(() -> delegate.randomSample(sampleType));
  }

  @Override
  public LoraResult loraLoad(String loraPath, String adapterName) {
    return around(() -> delegate.loraLoad(loraPath, adapterName));
  }

  @Override
  public LoraResult loraUnload() {
    return around(delegate::loraUnload);
  }

  @Override
  public LoraResult loraToggle(boolean useLora) {
    return around(() -> delegate.loraToggle(useLora));
  }

  @Override
  public LoraResult loraScale(double scale, String adapterName) {
    return around(() -> delegate.loraScale(scale, adapterName));
  }

  @Override
  public LoraStatus loraStatus() {
    return around(delegate::loraStatus);
  }

  @Override
  public InitResult initModel(String model, Integer slot) {
    return around(() -> delegate.initModel(model, slot));
  }

  /** The lane does not own the client: the run's caller closes it. */
  @Override
  public void close() {}
}
