#include "ui/log/LogViewer.h"

#include "core/util/LocaleFormats.h"
#include "ui/FileDialog.h"
#include "ui/FutureCallback.h"
#include "ui/log/LogDocument.h"
#include "ui/log/LogSearch.h"
#include "ui/log/LogSource.h"
#include "ui/log/LogThreads.h"
#include "ui/log/LogView.h"

#include <QAction>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace WebJobs {

namespace {

constexpr int SearchDelayMs = 250;

// The first line at or after `target` (UTC seconds), by bisection over the lines' prefixes;
// lines without a prefix take the time of the next line that has one.
qint64 lineAtTime(LogReader& reader, const LogIndex& index, const LogIndex::Snapshot& snapshot, qint64 target)
{
    const auto timeAt = [&](qint64 line) -> qint64 {
        const LogBytes bytes = reader.read(index.lineStart(line), 64 * 1024);
        if (!bytes.ok())
            return -1;
        QByteArrayView rest(bytes.data);
        for (int lines = 0; !rest.isEmpty() && lines < 256; ++lines) {
            const qsizetype newline = rest.indexOf('\n');
            const QByteArrayView text = newline < 0 ? rest : rest.first(newline);
            const LogLinePrefix prefix = LogLinePrefix::parse(text);
            if (prefix.isValid())
                return prefix.unixSeconds;
            if (newline < 0)
                break;
            rest = rest.sliced(newline + 1);
        }
        return -1;
    };
    qint64 low = 0;
    qint64 high = snapshot.lineCount();
    while (low < high) {
        const qint64 middle = low + (high - low) / 2;
        const qint64 time = timeAt(middle);
        if (time < 0 || time < target)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

QToolButton* toolButton(QWidget* parent, const QString& objectName, const QString& text, bool checkable)
{
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setCheckable(checkable);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(true);
    return button;
}

} // namespace

LogViewer::LogViewer(QWidget* parent)
    : QWidget(parent)
    , m_view(new LogView(this))
    , m_searchDelay(new QTimer(this))
    , m_levels(LogLinePrefix::ShowAll)
{
    setObjectName(u"logViewer"_s);
    const QSettings settings;

    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(u"logSearchEdit"_s);
    m_searchEdit->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);
    m_regexCheck = new QCheckBox(tr("Regular expression"), this);
    m_regexCheck->setObjectName(u"logRegexCheck"_s);
    m_caseCheck = new QCheckBox(tr("Match case"), this);
    m_caseCheck->setObjectName(u"logCaseCheck"_s);
    m_matchingOnlyCheck = new QCheckBox(tr("Matching lines only"), this);
    m_matchingOnlyCheck->setObjectName(u"logMatchingOnlyCheck"_s);
    m_previousButton = toolButton(this, u"logPreviousHitButton"_s, tr("Previous"), false);
    m_previousButton->setArrowType(Qt::UpArrow);
    m_previousButton->setToolTip(tr("Previous hit (Shift+F3)"));
    m_nextButton = toolButton(this, u"logNextHitButton"_s, tr("Next"), false);
    m_nextButton->setArrowType(Qt::DownArrow);
    m_nextButton->setToolTip(tr("Next hit (F3)"));
    m_cancelSearchButton = toolButton(this, u"logCancelSearchButton"_s, tr("Stop"), false);
    m_cancelSearchButton->setToolTip(tr("Stop the search (Escape)"));
    m_cancelSearchButton->setVisible(false);
    m_hitLabel = new QLabel(this);
    m_hitLabel->setObjectName(u"logHitLabel"_s);
    m_hitLabel->setMinimumWidth(fontMetrics().horizontalAdvance(u"9,999,999 of 9,999,999 hits · 100 %"_s) / 2);

    auto* findRow = new QHBoxLayout;
    findRow->addWidget(m_searchEdit, 1);
    findRow->addWidget(m_regexCheck);
    findRow->addWidget(m_caseCheck);
    findRow->addWidget(m_matchingOnlyCheck);
    findRow->addWidget(m_previousButton);
    findRow->addWidget(m_nextButton);
    findRow->addWidget(m_cancelSearchButton);
    findRow->addWidget(m_hitLabel);

    m_levelButton = toolButton(this, u"logLevelButton"_s, tr("Levels"), false);
    m_levelButton->setPopupMode(QToolButton::InstantPopup);
    m_levelButton->setToolTip(tr("Show the lines of these levels only"));
    auto* levelMenu = new QMenu(m_levelButton);
    const struct
    {
        const char* name;
        QString text;
        int bit;
    } levels[] = {
        {"logLevelInfoAction", tr("Information"), LogLinePrefix::ShowInfo},
        {"logLevelWarningAction", tr("Warnings"), LogLinePrefix::ShowWarning},
        {"logLevelErrorAction", tr("Errors"), LogLinePrefix::ShowError},
        {"logLevelSystemAction", tr("Engine messages (SYS)"), LogLinePrefix::ShowSystem},
    };
    for (const auto& level : levels) {
        QAction* action = levelMenu->addAction(level.text);
        action->setObjectName(QString::fromLatin1(level.name));
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(level.bit);
        connect(action, &QAction::toggled, this, [this] {
            int mask = 0;
            for (const QAction* each : std::as_const(m_levelActions)) {
                if (each->isChecked())
                    mask |= each->data().toInt();
            }
            setLevels(mask);
        });
        m_levelActions.append(action);
    }
    m_levelButton->setMenu(levelMenu);

    m_followButton = toolButton(this, u"logFollowButton"_s, tr("Follow"), true);
    m_followButton->setToolTip(tr("Show new lines as they are written (End); scrolling up pauses"));
    m_wrapButton = toolButton(this, u"logWrapButton"_s, tr("Wrap lines"), true);
    m_wrapButton->setChecked(settings.value(u"logViewer/wordWrap"_s, false).toBool());
    m_prefixButton = toolButton(this, u"logPrefixButton"_s, tr("Time and level"), true);
    m_prefixButton->setToolTip(tr("Show the time, instance and level of each line in a column"));
    m_prefixButton->setChecked(settings.value(u"logViewer/prefix"_s, true).toBool());
    m_fontSpin = new QSpinBox(this);
    m_fontSpin->setObjectName(u"logFontSizeSpin"_s);
    m_fontSpin->setRange(6, 40);
    m_fontSpin->setSuffix(tr(" pt"));
    m_fontSpin->setToolTip(tr("Font size (Ctrl++ and Ctrl+-)"));
    auto* goToLineButton = toolButton(this, u"logGoToLineButton"_s, tr("Go to line…"), false);
    goToLineButton->setToolTip(tr("Go to a line (Ctrl+G)"));
    auto* goToTimeButton = toolButton(this, u"logGoToTimeButton"_s, tr("Go to time…"), false);
    goToTimeButton->setToolTip(tr("Go to the first line at or after a time (Ctrl+Shift+G)"));
    m_downloadButton = toolButton(this, u"logDownloadButton"_s, tr("Download"), false);
    m_downloadButton->setToolTip(tr("Save a copy of the whole log"));
    m_openButton = toolButton(this, u"logOpenEditorButton"_s, tr("Open in editor"), false);
    m_openButton->setToolTip(tr("Open the log in the system's text editor"));

    auto* toolRow = new QHBoxLayout;
    toolRow->addWidget(m_levelButton);
    toolRow->addWidget(m_followButton);
    toolRow->addWidget(m_wrapButton);
    toolRow->addWidget(m_prefixButton);
    toolRow->addWidget(m_fontSpin);
    toolRow->addWidget(goToLineButton);
    toolRow->addWidget(goToTimeButton);
    toolRow->addStretch(1);
    toolRow->addWidget(m_downloadButton);
    toolRow->addWidget(m_openButton);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"logStatusLabel"_s);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(u"logMessageLabel"_s);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_indexProgress = new QProgressBar(this);
    m_indexProgress->setObjectName(u"logIndexProgressBar"_s);
    m_indexProgress->setRange(0, 1000);
    m_indexProgress->setMaximumWidth(160);
    m_indexProgress->setTextVisible(false);
    m_indexProgress->setVisible(false);
    m_downloadProgress = new QProgressBar(this);
    m_downloadProgress->setObjectName(u"logDownloadProgressBar"_s);
    m_downloadProgress->setMaximumWidth(160);
    m_downloadProgress->setVisible(false);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusLabel);
    statusRow->addWidget(m_indexProgress);
    statusRow->addWidget(m_messageLabel, 1);
    statusRow->addWidget(m_downloadProgress);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(findRow);
    layout->addLayout(toolRow);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);

    m_view->setWordWrap(m_wrapButton->isChecked());
    m_view->setPrefixVisible(m_prefixButton->isChecked());
    m_view->setFontPointSize(settings.value(u"logViewer/fontSize"_s, m_view->fontPointSize()).toInt());
    m_fontSpin->setValue(m_view->fontPointSize());

    // Actions: keys that work anywhere in the viewer, and the view's context menu.
    const auto newAction = [this](const QString& name, const QString& text, const QKeySequence& keys) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    QAction* findAction = newAction(u"logFindAction"_s, tr("Search"), QKeySequence::Find);
    QAction* nextAction = newAction(u"logNextHitAction"_s, tr("Next hit"), QKeySequence(Qt::Key_F3));
    QAction* previousAction
        = newAction(u"logPreviousHitAction"_s, tr("Previous hit"), QKeySequence(Qt::SHIFT | Qt::Key_F3));
    QAction* goToLineAction = newAction(u"logGoToLineAction"_s, tr("Go to line…"), QKeySequence(Qt::CTRL | Qt::Key_G));
    QAction* goToTimeAction
        = newAction(u"logGoToTimeAction"_s, tr("Go to time…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    auto* copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setObjectName(u"logCopyAction"_s);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copyAction);
    m_view->addAction(goToLineAction);
    m_view->addAction(goToTimeAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(findAction, &QAction::triggered, this, &LogViewer::focusSearch);
    connect(nextAction, &QAction::triggered, this, &LogViewer::findNext);
    connect(previousAction, &QAction::triggered, this, &LogViewer::findPrevious);
    connect(goToLineAction, &QAction::triggered, this, &LogViewer::goToLine);
    connect(goToTimeAction, &QAction::triggered, this, &LogViewer::goToTime);
    connect(copyAction, &QAction::triggered, m_view, &LogView::copySelection);
    connect(goToLineButton, &QToolButton::clicked, this, &LogViewer::goToLine);
    connect(goToTimeButton, &QToolButton::clicked, this, &LogViewer::goToTime);
    connect(m_nextButton, &QToolButton::clicked, this, &LogViewer::findNext);
    connect(m_previousButton, &QToolButton::clicked, this, &LogViewer::findPrevious);
    connect(m_cancelSearchButton, &QToolButton::clicked, this, &LogViewer::cancelSearch);
    connect(m_downloadButton, &QToolButton::clicked, this, &LogViewer::download);
    connect(m_openButton, &QToolButton::clicked, this, &LogViewer::openInEditor);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &LogViewer::searchNow);
    connect(m_searchEdit, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    // Return and Escape in the search field belong to the search, not to the dialog around.
    m_searchEdit->installEventFilter(this);
    connect(m_regexCheck, &QCheckBox::toggled, this, &LogViewer::searchNow);
    connect(m_caseCheck, &QCheckBox::toggled, this, &LogViewer::searchNow);
    connect(m_matchingOnlyCheck, &QCheckBox::toggled, this, &LogViewer::setMatchingLinesOnly);

    connect(m_followButton, &QToolButton::toggled, this, &LogViewer::setFollowing);
    connect(m_view, &LogView::followingChanged, this, [this](bool follow) {
        const QSignalBlocker blocker(m_followButton);
        m_followButton->setChecked(follow);
        if (m_document)
            m_document->setWatching(m_watching || follow);
    });
    connect(m_wrapButton, &QToolButton::toggled, this, [this](bool wrap) {
        m_view->setWordWrap(wrap);
        QSettings().setValue(u"logViewer/wordWrap"_s, wrap);
    });
    connect(m_prefixButton, &QToolButton::toggled, this, [this](bool visible) {
        m_view->setPrefixVisible(visible);
        QSettings().setValue(u"logViewer/prefix"_s, visible);
    });
    connect(m_fontSpin, &QSpinBox::valueChanged, m_view, &LogView::setFontPointSize);
    connect(m_view, &LogView::fontPointSizeChanged, this, [this](int points) {
        const QSignalBlocker blocker(m_fontSpin);
        m_fontSpin->setValue(points);
        QSettings().setValue(u"logViewer/fontSize"_s, points);
    });
    connect(m_view, &LogView::copyFinished, this, [this](const QString& error) {
        if (error.isEmpty())
            setMessage(tr("Copied."));
        else
            setMessage(error, true);
    });
    setFocusProxy(m_view);
    updateHitLabel();
    updateStatus();
}

LogViewer::~LogViewer() = default;

bool LogViewer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_searchEdit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_find && m_find->isActive() && m_find->query() == findQuery()) {
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
        } else {
            searchNow();
        }
        return true;
    case Qt::Key_Escape:
        if (m_find && m_find->isRunning()) {
            cancelSearch();
            return true;
        }
        if (!m_searchEdit->text().isEmpty()) {
            m_searchEdit->clear();
            searchNow();
            return true;
        }
        return false;
    default:
        return false;
    }
}

void LogViewer::open(LogSource* source)
{
    // The view lets go of the old log before it goes.
    m_view->setRowFilter(nullptr);
    m_view->setFind(nullptr);
    m_view->setDocument(nullptr);
    delete m_find;
    delete m_levelFilter;
    delete m_document;
    m_document = new LogDocument(source, this);
    m_find = new LogSearch(m_document, this);
    m_levelFilter = new LogSearch(m_document, this);
    m_view->setDocument(m_document);
    m_view->setFind(m_find);
    m_currentHit = -1;

    connect(m_document, &LogDocument::firstScreenReady, this, [this] {
        updateStatus();
        Q_EMIT firstScreenShown();
    });
    connect(m_document, &LogDocument::reset, this, &LogViewer::updateStatus);
    connect(m_document, &LogDocument::indexChanged, this, &LogViewer::updateStatus);
    connect(m_document, &LogDocument::indexingProgress, this, &LogViewer::updateStatus);
    connect(m_document, &LogDocument::indexingFinished, this, &LogViewer::updateStatus);
    connect(m_document, &LogDocument::failed, this, &LogViewer::updateStatus);

    connect(m_find, &LogSearch::hitsChanged, this, [this] {
        if (m_jumpPending) {
            const qint64 index = m_find->hitIndexAtOrAfter(m_searchFrom);
            if (index < m_find->hitCount()) {
                m_jumpPending = false;
                goToHit(index);
            }
        }
        updateHitLabel();
    });
    connect(m_find, &LogSearch::progressChanged, this, &LogViewer::updateHitLabel);
    connect(m_find, &LogSearch::started, this, &LogViewer::updateHitLabel);
    connect(m_find, &LogSearch::finished, this, [this] {
        // Nothing after the place the search started from: the first hit, from the top.
        if (m_jumpPending && !m_find->isRunning() && m_find->hitCount() > 0) {
            m_jumpPending = false;
            goToHit(0);
        }
        updateHitLabel();
    });
    connect(m_find, &LogSearch::failed, this, &LogViewer::updateHitLabel);
    connect(m_document, &LogDocument::reset, this, [this] {
        m_currentHit = -1;
        m_view->setCurrentHitLine(-1);
    });

    setLevels(m_levels);
    m_document->setWatching(m_watching || m_view->isFollowing());
    m_document->open();
    updateStatus();
}

void LogViewer::setWatching(bool watching)
{
    m_watching = watching;
    if (m_document)
        m_document->setWatching(watching || m_view->isFollowing());
}

void LogViewer::setFollowing(bool follow)
{
    m_view->setFollowing(follow);
    const QSignalBlocker blocker(m_followButton);
    m_followButton->setChecked(follow);
    if (m_document)
        m_document->setWatching(m_watching || follow);
}

void LogViewer::setTimeFormatter(std::function<QString(qint64)> formatter)
{
    m_view->setTimeFormatter(std::move(formatter));
}

void LogViewer::setDownloadVisible(bool visible)
{
    m_downloadButton->setVisible(visible);
}

LogQuery LogViewer::findQuery() const
{
    LogQuery query;
    query.text = m_searchEdit->text();
    query.regex = m_regexCheck->isChecked();
    query.caseSensitive = m_caseCheck->isChecked();
    query.levels = query.text.isEmpty() ? LogLinePrefix::ShowAll : m_levels;
    return query;
}

void LogViewer::focusSearch()
{
    m_searchEdit->setFocus(Qt::ShortcutFocusReason);
    m_searchEdit->selectAll();
}

void LogViewer::searchNow()
{
    m_searchDelay->stop();
    if (!m_find)
        return;
    const LogQuery query = findQuery();
    m_currentHit = -1;
    m_view->setCurrentHitLine(-1);
    if (!query.hasPattern()) {
        m_jumpPending = false;
        m_find->clear();
    } else {
        m_searchFrom = std::max<qint64>(0, m_view->currentLine());
        m_jumpPending = true;
        m_find->start(query);
    }
    updateRowFilter();
    updateHitLabel();
}

void LogViewer::cancelSearch()
{
    if (m_find && m_find->isRunning())
        m_find->cancel();
    m_jumpPending = false;
    updateHitLabel();
}

void LogViewer::goToHit(qint64 index)
{
    if (!m_find || index < 0 || index >= m_find->hitCount())
        return;
    m_currentHit = m_find->hitAt(index);
    m_view->setCurrentHitLine(m_currentHit);
    m_view->showLine(m_currentHit);
    updateHitLabel();
    Q_EMIT currentHitChanged(m_currentHit);
}

void LogViewer::findNext()
{
    if (!m_find)
        return;
    if (!m_find->isActive() || !(m_find->query() == findQuery())) {
        searchNow();
        return;
    }
    const qint64 count = m_find->hitCount();
    if (count == 0)
        return;
    const qint64 from = m_currentHit >= 0 ? m_currentHit + 1 : std::max<qint64>(0, m_view->currentLine());
    qint64 index = m_find->hitIndexAtOrAfter(from);
    if (index >= count) {
        index = 0;
        setMessage(tr("The search went on from the top."));
    }
    goToHit(index);
}

void LogViewer::findPrevious()
{
    if (!m_find || !m_find->isActive())
        return;
    const qint64 count = m_find->hitCount();
    if (count == 0)
        return;
    const qint64 from = m_currentHit >= 0 ? m_currentHit : std::max<qint64>(0, m_view->currentLine());
    qint64 index = m_find->hitIndexAtOrAfter(from) - 1;
    if (index < 0) {
        index = count - 1;
        setMessage(tr("The search went on from the bottom."));
    }
    goToHit(index);
}

void LogViewer::setLevels(int levels)
{
    m_levels = levels & LogLinePrefix::ShowAll;
    for (QAction* action : std::as_const(m_levelActions)) {
        const QSignalBlocker blocker(action);
        action->setChecked(m_levels & action->data().toInt());
    }
    const bool filtered = m_levels != LogLinePrefix::ShowAll;
    m_levelButton->setText(filtered ? tr("Levels (filtered)") : tr("Levels"));
    if (!m_document)
        return;
    if (filtered) {
        LogQuery query;
        query.levels = m_levels;
        m_levelFilter->start(query);
    } else {
        m_levelFilter->clear();
    }
    if (m_find->query().hasPattern())
        searchNow();
    updateRowFilter();
}

void LogViewer::setMatchingLinesOnly(bool only)
{
    m_matchingOnly = only;
    {
        const QSignalBlocker blocker(m_matchingOnlyCheck);
        m_matchingOnlyCheck->setChecked(only);
    }
    updateRowFilter();
}

void LogViewer::updateRowFilter()
{
    if (!m_document)
        return;
    LogSearch* filter = nullptr;
    if (m_matchingOnly && m_find->query().hasPattern() && m_find->errorString().isEmpty())
        filter = m_find;
    else if (m_levels != LogLinePrefix::ShowAll)
        filter = m_levelFilter;
    m_view->setRowFilter(filter);
}

void LogViewer::updateHitLabel()
{
    if (!m_find || !m_find->query().hasPattern()) {
        m_hitLabel->clear();
        m_cancelSearchButton->setVisible(false);
        m_previousButton->setEnabled(false);
        m_nextButton->setEnabled(false);
        return;
    }
    if (!m_find->errorString().isEmpty()) {
        m_hitLabel->setText(u"<span style=\"color:#c41e24\">%1</span>"_s.arg(m_find->errorString().toHtmlEscaped()));
        m_hitLabel->setToolTip(m_find->errorString());
        m_cancelSearchButton->setVisible(false);
        return;
    }
    m_hitLabel->setToolTip({});
    const qint64 count = m_find->hitCount();
    const int n = int(std::min<qint64>(count, std::numeric_limits<int>::max()));
    QString text;
    const qint64 current = m_currentHit >= 0 ? m_find->hitIndexAtOrAfter(m_currentHit) : -1;
    if (current >= 0 && current < count && m_find->hitAt(current) == m_currentHit)
        text = tr("%1 of %Ln hit(s)", nullptr, n).arg(QLocale().toString(current + 1));
    else if (count == 0 && !m_find->isRunning())
        text = tr("No hits");
    else
        text = tr("%Ln hit(s)", nullptr, n);
    if (m_find->isRunning()) {
        const qint64 total = std::max<qint64>(1, m_find->totalBytes());
        text = tr("%1 · searching %2%").arg(text).arg(int(100 * m_find->searchedBytes() / total));
    } else if (m_find->isCancelled()) {
        text = tr("%1 · search stopped").arg(text);
    }
    m_hitLabel->setText(text);
    m_cancelSearchButton->setVisible(m_find->isRunning());
    m_previousButton->setEnabled(count > 0);
    m_nextButton->setEnabled(count > 0);
}

QString LogViewer::statusText() const
{
    return m_statusLabel->text();
}

void LogViewer::updateStatus()
{
    if (!m_document) {
        m_statusLabel->clear();
        m_indexProgress->setVisible(false);
        return;
    }
    const QLocale locale;
    const qint64 lines = m_document->lineCount();
    QString text;
    if (m_document->size() >= 0) {
        text = tr("%Ln line(s)", nullptr, int(std::min<qint64>(lines, std::numeric_limits<int>::max()))) + u" · "_s
            + locale.formattedDataSize(m_document->size());
    }
    const bool indexing = m_document->isIndexing() && m_document->size() > 0;
    if (indexing) {
        const int permille = int(1000 * m_document->snapshot().scanned / std::max<qint64>(1, m_document->size()));
        m_indexProgress->setValue(permille);
        text += u" · "_s + tr("indexing %1%").arg(permille / 10);
    }
    m_indexProgress->setVisible(indexing);
    m_statusLabel->setText(text);
    if (!m_document->errorString().isEmpty())
        setMessage(m_document->errorString(), true);
    else if (m_messageLabel->property("error").toBool())
        setMessage({});
}

void LogViewer::setMessage(const QString& text, bool error)
{
    m_messageLabel->setProperty("error", error);
    m_messageLabel->setStyleSheet(error ? u"color: #c41e24;"_s : QString());
    m_messageLabel->setText(text);
}

void LogViewer::goToLine()
{
    if (!m_document)
        return;
    auto* dialog = new QInputDialog(this);
    dialog->setObjectName(u"goToLineDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Go to line"));
    dialog->setLabelText(
        tr("Line number (1 to %1):").arg(QLocale().toString(std::max<qint64>(1, m_document->lineCount()))));
    const qint64 current = m_view->currentLine();
    dialog->setTextValue(current >= 0 ? QString::number(current + 1) : QString());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString& text) {
        bool ok = false;
        const qint64 line = QLocale().toLongLong(text.trimmed(), &ok);
        if (!ok) {
            const qint64 plain = text.trimmed().toLongLong(&ok);
            if (ok)
                goToLineNumber(plain);
            else
                setMessage(tr("\"%1\" is not a line number: type digits only.").arg(text), true);
            return;
        }
        goToLineNumber(line);
    });
    dialog->open();
}

bool LogViewer::goToLineNumber(qint64 line)
{
    if (!m_document)
        return false;
    const qint64 lines = m_document->lineCount();
    if (line < 1 || line > lines) {
        if (m_document->isIndexing() && line > lines)
            setMessage(tr("Line %1 is not indexed yet: %2 lines are indexed so far. Try again when indexing is done.")
                           .arg(QLocale().toString(line), QLocale().toString(lines)),
                true);
        else
            setMessage(tr("The log has %1 lines: give a number from 1 to %1.").arg(QLocale().toString(lines)), true);
        return false;
    }
    setMessage({});
    m_view->showLine(line - 1);
    m_view->setFocus();
    Q_EMIT lineShown(line - 1);
    return true;
}

void LogViewer::goToTime()
{
    if (!m_document)
        return;
    auto* dialog = new QDialog(this);
    dialog->setObjectName(u"goToTimeDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Go to time"));
    auto* edit = new QDateTimeEdit(QDateTime::currentDateTime(), dialog);
    edit->setObjectName(u"goToTimeEdit"_s);
    edit->setCalendarPopup(true);
    // Four-digit year and the locale's clock, with seconds: log lines are seconds apart.
    edit->setDisplayFormat(LocaleFormats::date(QLocale()) + u' ' + LocaleFormats::timeWithSeconds(QLocale()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Show the first line written at or after:"), dialog));
    layout->addWidget(edit);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, edit] { goToDateTime(edit->dateTime()); });
    dialog->open();
}

void LogViewer::goToDateTime(const QDateTime& dateTime)
{
    if (!m_document || m_document->lineCount() == 0)
        return;
    const qint64 target = dateTime.toSecsSinceEpoch();
    const LogIndex::Snapshot snapshot = m_document->snapshot();
    std::shared_ptr<LogReader> reader = m_document->reader();
    std::shared_ptr<LogIndex> index = m_document->index();
    const int generation = m_document->generation();
    whenFinished(this,
        QtConcurrent::run(LogThreads::work(),
            [reader, index, snapshot, target] { return lineAtTime(*reader, *index, snapshot, target); }),
        [this, snapshot, generation, dateTime](qint64 line) {
            if (!m_document || generation != m_document->generation())
                return;
            if (line >= snapshot.lineCount()) {
                setMessage(tr("No line was written at or after %1: this is the last line.")
                               .arg(QLocale().toString(dateTime,
                                   LocaleFormats::date(QLocale()) + u' ' + LocaleFormats::timeWithSeconds(QLocale()))));
                line = snapshot.lineCount() - 1;
            } else {
                setMessage({});
            }
            m_view->showLine(line);
            m_view->setFocus();
            Q_EMIT lineShown(line);
        });
}

void LogViewer::download()
{
    if (!m_document)
        return;
    const QString name = m_suggestedFileName.isEmpty() ? m_document->source()->fileName() : m_suggestedFileName;
    const QString path
        = FileDialog::getSaveFileName(this, tr("Save the log"), QDir::home().filePath(name), tr("Text files (*.txt)"));
    if (!path.isEmpty())
        saveCopy(path);
}

void LogViewer::saveCopy(const QString& path)
{
    startSave(path, [this, path] { setMessage(tr("Saved to %1.").arg(QDir::toNativeSeparators(path))); });
}

void LogViewer::startSave(const QString& path, std::function<void()> then)
{
    if (!m_document)
        return;
    m_downloadButton->setEnabled(false);
    m_openButton->setEnabled(false);
    m_downloadProgress->setVisible(true);
    m_downloadProgress->setRange(0, 0);
    auto* watcher = new QFutureWatcher<ServiceReply>(this);
    connect(watcher, &QFutureWatcher<ServiceReply>::progressRangeChanged, m_downloadProgress, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcher<ServiceReply>::progressValueChanged, m_downloadProgress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcher<ServiceReply>::finished, this, [this, watcher, path, then = std::move(then)] {
        watcher->deleteLater();
        m_downloadButton->setEnabled(true);
        m_openButton->setEnabled(true);
        m_downloadProgress->setVisible(false);
        const QFuture<ServiceReply> future = watcher->future();
        const ServiceReply reply = future.resultCount() > 0 ? future.result() : ServiceReply {};
        if (!reply.ok()) {
            setMessage(reply.error.message, true);
            Q_EMIT downloadFinished(path, reply.error.message);
            return;
        }
        then();
        Q_EMIT downloadFinished(path, {});
    });
    watcher->setFuture(m_document->source()->saveCopy(path));
}

void LogViewer::openInEditor()
{
    if (!m_document)
        return;
    const auto open = [this](const QUrl& url) {
        if (!QDesktopServices::openUrl(url))
            setMessage(tr("No application opens %1 here. Download the log and open it yourself.")
                           .arg(url.toDisplayString(QUrl::PreferLocalFile)),
                true);
    };
    const QUrl url = m_document->source()->url();
    if (url.isLocalFile()) {
        open(url);
        return;
    }
    // A log on another host: a copy in the temporary folder first.
    const QString folder
        = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation)).filePath(u"webjobs-logs"_s);
    QDir().mkpath(folder);
    const QString name = m_suggestedFileName.isEmpty() ? m_document->source()->fileName() : m_suggestedFileName;
    const QString path = QDir(folder).filePath(name);
    startSave(path, [open, path] { open(QUrl::fromLocalFile(path)); });
}

} // namespace WebJobs
