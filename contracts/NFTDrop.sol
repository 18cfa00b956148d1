// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title NFTDrop — an ERC-721 collection with a public paid mint, hand-written (no imports).
/// @notice A typical drop: `mint()` pays `mintPrice`, takes the next id from the shared `totalSupply`
///         counter (every mint writes it: the hot spot), respects `maxSupply` and a per-wallet limit, and
///         emits Transfer. Full ERC-721 transfers/approvals, ERC-165, and an owner `withdraw`.

interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data) external returns (bytes4);
}

contract NFTDrop {
    string public name;
    string public symbol;
    address public owner;
    uint256 public immutable mintPrice;
    uint256 public immutable maxSupply;
    uint256 public immutable maxPerWallet;
    uint256 public totalSupply;

    mapping(uint256 tokenId => address) private _owners;
    mapping(address owner => uint256) private _balances;
    mapping(uint256 tokenId => address) private _tokenApprovals;
    mapping(address owner => mapping(address operator => bool)) private _operatorApprovals;
    mapping(address minter => uint256) public mintedBy;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    error WrongPayment(uint256 sent, uint256 price);
    error SoldOut();
    error WalletLimitReached(address minter);
    error NonexistentToken(uint256 tokenId);
    error NotAuthorized(address caller);
    error InvalidReceiver(address receiver);
    error IncorrectOwner(address from, uint256 tokenId, address owner);

    constructor(string memory name_, string memory symbol_, uint256 mintPrice_, uint256 maxSupply_, uint256 maxPerWallet_) {
        name = name_;
        symbol = symbol_;
        owner = msg.sender;
        mintPrice = mintPrice_;
        maxSupply = maxSupply_;
        maxPerWallet = maxPerWallet_;
    }

    function mint() external payable returns (uint256 tokenId) {
        if (msg.value != mintPrice) revert WrongPayment(msg.value, mintPrice);
        tokenId = totalSupply;
        if (tokenId >= maxSupply) revert SoldOut();
        uint256 minted = mintedBy[msg.sender];
        if (minted >= maxPerWallet) revert WalletLimitReached(msg.sender);
        mintedBy[msg.sender] = minted + 1;
        totalSupply = tokenId + 1;
        unchecked {
            _balances[msg.sender] += 1;
        }
        _owners[tokenId] = msg.sender;
        emit Transfer(address(0), msg.sender, tokenId);
    }

    function withdraw() external {
        if (msg.sender != owner) revert NotAuthorized(msg.sender);
        (bool ok,) = owner.call{value: address(this).balance}("");
        require(ok, "withdraw failed");
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x80ac58cd || interfaceId == 0x5b5e139f;
    }

    function balanceOf(address owner_) external view returns (uint256) {
        if (owner_ == address(0)) revert InvalidReceiver(address(0));
        return _balances[owner_];
    }

    function ownerOf(uint256 tokenId) public view returns (address owner_) {
        owner_ = _owners[tokenId];
        if (owner_ == address(0)) revert NonexistentToken(tokenId);
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return string.concat("ipfs://drop/", _toString(tokenId));
    }

    function approve(address to, uint256 tokenId) external {
        address owner_ = ownerOf(tokenId);
        if (msg.sender != owner_ && !_operatorApprovals[owner_][msg.sender]) revert NotAuthorized(msg.sender);
        _tokenApprovals[tokenId] = to;
        emit Approval(owner_, to, tokenId);
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return _tokenApprovals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        _operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address owner_, address operator) external view returns (bool) {
        return _operatorApprovals[owner_][operator];
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        if (to == address(0)) revert InvalidReceiver(address(0));
        address owner_ = ownerOf(tokenId);
        if (owner_ != from) revert IncorrectOwner(from, tokenId, owner_);
        if (msg.sender != owner_ && _tokenApprovals[tokenId] != msg.sender && !_operatorApprovals[owner_][msg.sender]) {
            revert NotAuthorized(msg.sender);
        }
        delete _tokenApprovals[tokenId];
        unchecked {
            _balances[from] -= 1;
            _balances[to] += 1;
        }
        _owners[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        if (to.code.length > 0) {
            if (IERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data) != IERC721Receiver.onERC721Received.selector) {
                revert InvalidReceiver(to);
            }
        }
    }

    function _toString(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) digits++;
        bytes memory buffer = new bytes(digits);
        while (value != 0) {
            buffer[--digits] = bytes1(uint8(48 + (value % 10)));
            value /= 10;
        }
        return string(buffer);
    }
}
